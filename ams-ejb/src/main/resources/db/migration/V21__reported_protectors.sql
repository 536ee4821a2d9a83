-- What the device's agent last reported on its volumes: every recovery-password protector id (space-separated, as
-- reported at the last check-in that could read the volumes), so that the console can name the protectors on the
-- device that AMS does not hold. NULL until such a check-in.
ALTER TABLE device ADD COLUMN reported_protector_ids VARCHAR(40960);
