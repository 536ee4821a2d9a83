-- The longest a console session lasts after its sign-in, whatever its activity or an identity provider's token says:
-- 10 hours, a working day, until an administrator changes it (Settings / Authentication).
ALTER TABLE access_settings ADD COLUMN max_session_minutes INTEGER DEFAULT 600 NOT NULL;
