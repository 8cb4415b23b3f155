-- History queries that combine a pool with an event type ("every decline in pool 1/2 last week")
-- walk this index in time order instead of filtering the whole pool's history.
CREATE INDEX lease_events_by_pool_type ON lease_events (subnet_id, pool_id, event_type, event_time);
