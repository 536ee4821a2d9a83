-- The dashboard counts the keys escrowed per day over the last two weeks: a range of escrowed_at, which without an
-- index would read every recovery key ever escrowed, history included, each time the page is opened.
CREATE INDEX ix_recovery_key_escrowed_at ON recovery_key (escrowed_at);
