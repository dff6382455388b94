-- The unique index that makes queueing and imports idempotent holds a 16-byte hash of each run's
-- idempotency key instead of the key's text (issue 7, docs/benchmark.md "Import at 10M"). An
-- imported run's key is about 80 characters (dataset, prompt key, model, setting, sample, finish
-- time): its text index took 170 bytes a run (338 MB at 2M runs, about 1.7 GB at 10M, more than
-- shared_buffers), and every insert compared long strings under the database's collation twice
-- (the conflict check, then the insert). The hash is of the same text, so runs stored before this
-- migration keep their keys: importing a file again, or queueing a plan again, still adds nothing.
-- Two different keys would have to share an MD5 to be taken for one another; the keys are ours
-- (queue) or a maintainer's (imports), so nobody gains from crafting such a pair.
-- Writers name this index's expression as their conflict target (runs/RunKeys).
create unique index runs_idempotency_hash_uq on runs ((md5(idempotency_key)::uuid));
alter table runs drop constraint runs_idempotency_key_key;
