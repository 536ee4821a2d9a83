-- Which server process holds the audit forwarding cursor and the escrow verification run (ServerInstance.process()),
-- as V39 and V40 for key imports and notifications: a server started again resumes at once what its earlier process
-- was doing when it stopped or died (a syslog batch cut off mid-send, a verification run), instead of waiting for the
-- lease to run out (two and ten minutes). Servers of the previous version leave it NULL.
ALTER TABLE audit_forwarding_cursor ADD COLUMN claimed_by VARCHAR(80);
ALTER TABLE escrow_verification ADD COLUMN claimed_by VARCHAR(80);
