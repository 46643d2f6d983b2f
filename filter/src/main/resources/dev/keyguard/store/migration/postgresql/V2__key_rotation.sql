-- Keyguard schema, version 2 (PostgreSQL): key rotation.
-- A key whose replaced_by is set is retiring: it still authenticates until its expires_at, but it
-- no longer counts toward the organisation's active-key limit.
ALTER TABLE keyguard_api_key ADD COLUMN replaced_by VARCHAR(32);
