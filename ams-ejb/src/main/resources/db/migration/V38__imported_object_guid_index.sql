-- The key import looks up the objects and computers of each page by their objectGUIDs (an IN list of up to 1,000).
-- The unique constraints lead with the directory source, and a prepared statement's generic plan on PostgreSQL took
-- the source alone from them and filtered every row the source ever imported: about a second per page at 60,000
-- objects, growing with each page. An index on the GUID alone serves the look-up whatever the plan.
CREATE INDEX ix_imported_info_guid ON imported_recovery_information (object_guid);
CREATE INDEX ix_imported_computer_guid ON imported_computer (object_guid);
