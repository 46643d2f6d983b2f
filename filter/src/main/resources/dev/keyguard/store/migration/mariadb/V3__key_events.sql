-- Keyguard schema, version 3 (MariaDB and MySQL 8): the key-event log.
-- One row per change of a key, written in the same transaction as the change: the feed every
-- node follows to drop stale cache entries, and the audit trail of the Admin API. The id and the
-- time come from the database (AUTO_INCREMENT, UTC_TIMESTAMP), never from a node.
-- type: created | rotated (the key is retiring) | revoked | changed (edited outside Keyguard).
-- actor_*: the key and/or user that made the change; both null for an operator or a script.
-- Times are UTC, like every Keyguard column (DATETIME read with hibernate.jdbc.time_zone=UTC).
CREATE TABLE keyguard_key_event (
    id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    key_id          VARCHAR(32) NOT NULL,
    organisation_id VARCHAR(255) NOT NULL,
    type            VARCHAR(16) NOT NULL,
    actor_key_id    VARCHAR(32),
    actor_user_id   VARCHAR(255),
    occurred_at     DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
    CONSTRAINT keyguard_key_event_type_ck
        CHECK (type IN ('created', 'rotated', 'revoked', 'changed')),
    -- The audit trail, newest first per organisation; unique, so it is also the paging position.
    CONSTRAINT keyguard_key_event_org_uk UNIQUE (organisation_id, occurred_at, key_id, type),
    -- Pruning by age.
    INDEX keyguard_key_event_time_ix (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
