-- Which server process holds a notification's delivery claim (ServerInstance.process()), as V39 for key imports: a
-- server started again delivers at once what its earlier process was sending when it stopped or died, instead of
-- waiting for the two-minute lease to run out. Servers of the previous version leave it NULL.
ALTER TABLE notification_outbox ADD COLUMN claimed_by VARCHAR(80);
