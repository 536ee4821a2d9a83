-- A registration key registers devices into the AMS directory of one tenant (the default one for existing keys).
ALTER TABLE registration_key ADD COLUMN tenant_id UUID;
UPDATE registration_key SET tenant_id = '00000000-0000-4000-8000-000000000001';
ALTER TABLE registration_key ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE registration_key ADD CONSTRAINT fk_registration_key_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id);
