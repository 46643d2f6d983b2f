-- Keyguard schema, version 1 (MariaDB and MySQL 8). Applied by Flyway with the history table
-- keyguard_schema_history; a DBA who runs it by hand applies the files in version order.
-- Binary collation: ids and hashes compare exactly, names keep every character.

-- One row per organisation that ever had a key, locked while active keys are counted.
CREATE TABLE keyguard_organisation (
    organisation_id VARCHAR(255) PRIMARY KEY
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Times are UTC (Keyguard connects with hibernate.jdbc.time_zone=UTC).
CREATE TABLE keyguard_api_key (
    id                    VARCHAR(32) PRIMARY KEY,
    organisation_id       VARCHAR(255) NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    key_prefix            VARCHAR(64) NOT NULL,
    key_hash              CHAR(64) NOT NULL,
    created_by_user_id    VARCHAR(255),
    created_by_first_name VARCHAR(255),
    created_by_last_name  VARCHAR(255),
    created_by_email      VARCHAR(320),
    created_at            DATETIME(3) NOT NULL,
    expires_at            DATETIME(3),
    last_used_at          DATETIME(3),
    revoked_at            DATETIME(3),
    CONSTRAINT keyguard_api_key_hash_uk UNIQUE (key_hash),
    CONSTRAINT keyguard_api_key_org_fk FOREIGN KEY (organisation_id)
        REFERENCES keyguard_organisation (organisation_id),
    INDEX keyguard_api_key_org_created_ix (organisation_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
