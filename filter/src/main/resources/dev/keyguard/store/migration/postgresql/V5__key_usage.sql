-- Keyguard schema, version 5 (PostgreSQL): requests per key per UTC day.
-- Each node counts the requests of every key in memory and adds them here in one batch every
-- flush interval (keyguard.last-used.flush-interval), with an atomic increment, so that nodes
-- add at once without losing a count. Days older than keyguard.usage.retention are deleted.
-- No foreign key: a count is only ever added for a key that just verified, and reads join the
-- key to check its organisation.
CREATE TABLE keyguard_key_usage (
    key_id    VARCHAR(32) NOT NULL,
    usage_day DATE NOT NULL,
    requests  BIGINT NOT NULL,
    CONSTRAINT keyguard_key_usage_pk PRIMARY KEY (key_id, usage_day)
);

-- Deleting old days.
CREATE INDEX keyguard_key_usage_day_ix ON keyguard_key_usage (usage_day);
