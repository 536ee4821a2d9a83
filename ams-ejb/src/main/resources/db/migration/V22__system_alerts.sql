-- System alerts: a notification channel can also carry AMS's own alerts (rotations overdue, stored secrets the server
-- cannot open), not only access-request notifications. Off for every existing channel.
ALTER TABLE notification_channel ADD COLUMN system_alerts BOOLEAN DEFAULT FALSE NOT NULL;

-- When the channels were told that this rotation is overdue: each overdue rotation is announced once.
ALTER TABLE key_rotation ADD COLUMN overdue_alerted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_key_rotation_overdue ON key_rotation (open_flag, overdue_alerted_at, requested_at);
