-- Keyguard schema, version 3 (PostgreSQL): the key-event log.
-- One row per change of a key, written in the same transaction as the change: the feed every
-- node follows to drop stale cache entries, and the audit trail of the Admin API. The id and the
-- time come from the database (identity column, CURRENT_TIMESTAMP), never from a node.
-- type: created | rotated (the key is retiring) | revoked | changed (edited outside Keyguard).
-- actor_*: the key and/or user that made the change; both null for an operator or a script.
CREATE TABLE keyguard_key_event (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_id          VARCHAR(32) NOT NULL,
    organisation_id VARCHAR(255) NOT NULL,
    type            VARCHAR(16) NOT NULL,
    actor_key_id    VARCHAR(32),
    actor_user_id   VARCHAR(255),
    occurred_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT keyguard_key_event_type_ck
        CHECK (type IN ('created', 'rotated', 'revoked', 'changed'))
);

-- The audit trail, newest first per organisation; unique, so it is also the paging position.
CREATE UNIQUE INDEX keyguard_key_event_org_uk
    ON keyguard_key_event (organisation_id, occurred_at, key_id, type);
-- Pruning by age.
CREATE INDEX keyguard_key_event_time_ix ON keyguard_key_event (occurred_at);

-- Wakes the nodes that LISTEN on keyguard_key_event as soon as the inserting transaction
-- commits (a notification is delivered at commit, and never for a rolled-back transaction).
-- Also fires for an event inserted by hand, so a DBA's event reaches every node at once too.
CREATE FUNCTION keyguard_key_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('keyguard_key_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER keyguard_key_event_notify AFTER INSERT ON keyguard_key_event
    FOR EACH STATEMENT EXECUTE FUNCTION keyguard_key_event_notify();
