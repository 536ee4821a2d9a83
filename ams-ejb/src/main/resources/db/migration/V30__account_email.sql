-- A local account's email address: where AMS tells the account's user that a request of theirs needing approval was
-- approved or rejected (a directory user's address is read from the directory's mail attribute). Optional.
ALTER TABLE local_account ADD COLUMN email VARCHAR(254);
