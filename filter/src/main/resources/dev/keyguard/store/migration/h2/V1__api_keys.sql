-- Keyguard schema, version 1 (H2). Applied by Flyway with the history table
-- keyguard_schema_history; a DBA who runs it by hand applies the files in version order.

-- One row per organisation that ever had a key, locked while active keys are counted.
CREATE TABLE keyguard_organisation (
    organisation_id VARCHAR(255) PRIMARY KEY
);

CREATE TABLE keyguard_api_key (
    id                    VARCHAR(32) PRIMARY KEY,
    organisation_id       VARCHAR(255) NOT NULL REFERENCES keyguard_organisation (organisation_id),
    name                  VARCHAR(200) NOT NULL,
    key_prefix            VARCHAR(64) NOT NULL,
    key_hash              CHAR(64) NOT NULL,
    created_by_user_id    VARCHAR(255),
    created_by_first_name VARCHAR(255),
    created_by_last_name  VARCHAR(255),
    created_by_email      VARCHAR(320),
    created_at            TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP(3) WITH TIME ZONE,
    last_used_at          TIMESTAMP(3) WITH TIME ZONE,
    revoked_at            TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT keyguard_api_key_hash_uk UNIQUE (key_hash)
);

CREATE INDEX keyguard_api_key_org_created_ix ON keyguard_api_key (organisation_id, created_at);
