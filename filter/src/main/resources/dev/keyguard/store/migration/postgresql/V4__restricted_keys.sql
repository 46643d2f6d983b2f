-- Keyguard schema, version 4: restricted keys.
-- scopes: scope names separated by single spaces ('' for a key with no scope); NULL is an
-- unrestricted key, as every key before this version was. allowed_ips: canonical IPv4/IPv6 CIDR
-- blocks separated by single spaces; NULL is a key usable from any address.
-- A DBA who changes either by hand inserts a 'changed' event for the key, so that every node
-- drops its cached copy (docs/multi-node.md).
ALTER TABLE keyguard_api_key ADD COLUMN scopes VARCHAR(4000);
ALTER TABLE keyguard_api_key ADD COLUMN allowed_ips VARCHAR(4000);
