-- Several servers on one database: a certificate rotation is worked on by the server that holds its claim (a token
-- and a lease, as the notification outbox and audit forwarding claim their work). The activating server claims it at
-- once; a server that stops gives the claim back; one that dies leaves a lease that runs out, and another server's
-- periodic check takes the rotation over at its committed cursor. Rotations left running by an earlier version have
-- no claim and are taken by the first check.
ALTER TABLE certificate_rotation ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE certificate_rotation ADD COLUMN claim_token VARCHAR(36);
