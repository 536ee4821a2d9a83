-- Self-service recovery: a device's own user reads its recovery password by the recovery key ID.
-- Turned on per device group (a tenant's "All devices" group: the whole tenant); off, as before, until an
-- administrator turns it on.
ALTER TABLE device_group ADD COLUMN self_service_recovery BOOLEAN DEFAULT FALSE NOT NULL;

-- The accounts that signed in interactively on the device, as its agent last reported them at check-in (newline-
-- separated, most recent first, as Windows writes them: CORP\jdoe, jdoe@corp.example); NULL until an agent that
-- reports them checked in. And the primary user an administrator set, NULL when none.
ALTER TABLE device ADD COLUMN signed_in_users VARCHAR(8448);
ALTER TABLE device ADD COLUMN primary_user VARCHAR(256);
