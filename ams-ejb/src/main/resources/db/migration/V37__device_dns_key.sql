-- The BitLocker key import and the agent's registration look for "the same computer" by its fully qualified name,
-- case-insensitive. Until now that was LOWER(dns_name) = ?, which no index serves: every new computer an import
-- met read the whole device table, so an import slowed down with every computer it added. dns_key is the lower-cased
-- name kept by the database itself (a generated column: servers of the previous version, which do not know the
-- column, keep it right during a rolling upgrade), with an index. ${generated_stored} is STORED on PostgreSQL,
-- which needs the word, and empty on H2, which does not know it (org.ams.platform.Migrations).
ALTER TABLE device ADD COLUMN dns_key VARCHAR(255) GENERATED ALWAYS AS (LOWER(dns_name)) ${generated_stored};
CREATE INDEX ix_device_dns_key ON device (dns_key);
