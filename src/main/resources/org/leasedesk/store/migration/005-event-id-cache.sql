-- Event ids come from the identity sequence, which H2 hands out from a cache of 32 by default and
-- records on disk, in a commit of its own, each time the cache runs out: two extra commits per
-- batch of 64 events, a quarter of the lease writer's time under load. A cache of 100000 makes that
-- one commit per 100000 events. A crash loses at most the unused rest of the cache: ids then skip
-- ahead, which nothing minds (history is ordered by time, then id), and they are never reused.
ALTER TABLE lease_events ALTER COLUMN id SET CACHE 100000;
