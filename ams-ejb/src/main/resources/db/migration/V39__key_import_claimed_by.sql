-- Which server process holds a key import's claim (ServerInstance.process(): the data directory's id and the
-- process's). A restarted server gives back at once the claim its earlier process left, instead of waiting for the
-- lease to run out; servers of the previous version leave it NULL and their claims run out as before.
ALTER TABLE directory_key_import ADD COLUMN claimed_by VARCHAR(80);
