-- Settings / User interface: whether the helpdesk page hides each recovery password until the user clicks Show on
-- it, each click being audited (access.password-revealed). Off, as before, until an administrator turns it on.
ALTER TABLE access_settings ADD COLUMN hide_passwords_until_shown BOOLEAN DEFAULT FALSE NOT NULL;
