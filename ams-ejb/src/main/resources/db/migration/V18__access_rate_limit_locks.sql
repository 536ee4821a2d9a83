-- Rate limits of access requests: one row per user and per client address that requests are counted for. A request
-- locks its user's and its address's row (SELECT ... FOR UPDATE) while it counts their recent requests in the audit
-- log and writes its own record, so parallel requests are counted one after the other, also when several servers
-- share the database. The rows hold no count: the audit log does.
CREATE TABLE access_rate_limit_lock (
    subject    VARCHAR(600) PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
