-- Rate limits count a user's and a client address's access requests of the last day from the audit log.
CREATE INDEX ix_audit_event_actor_action_time ON audit_event (actor, action, occurred_at);
CREATE INDEX ix_audit_event_address_action_time ON audit_event (client_address, action, occurred_at);
