-- The per-prompt summaries' keys lead with the prompt, and their (prompt, model, setting)
-- indexes (V34) go: one index serves both the upkeep's upserts and a patched read's lookup
-- of each changed group (docs/live-figures.md "Reading only what changed").
--
-- With two indexes over (model, setting, ..., prompt) and (prompt, model, setting), the
-- lookup's three equalities fit both. Before PostgreSQL has analysed a table (a new
-- leaderboard's first import) every equality is guessed at 1/200, both look like one row, and
-- a stale cached tree height decided between them: the planner took the key led by the config,
-- and each lookup walked every row of its config. One patched read of 10,000 groups took 33 s
-- at 360,000 summary rows and its latency buckets 37 s more; the default board then fell
-- behind and read in full until the import ended (docs/benchmark.md, "2026-12-06, evening").
-- Led by the prompt, the key is the only index the lookup can use.
--
-- The price: a read of some versions' groups (a model page's figures, FinishCountsQuery) has no
-- index led by the version any more and scans the summary; a second index led by the version
-- would bring the ambiguity back.
alter table config_prompt_stats
    drop constraint config_prompt_stats_pkey,
    add constraint config_prompt_stats_pkey primary key (prompt_id, model_id, setting, dataset, simulated);
drop index config_prompt_stats_prompt_idx;

alter table config_latency_stats
    drop constraint config_latency_stats_pkey,
    add constraint config_latency_stats_pkey primary key (prompt_id, model_id, setting, dataset, simulated, bucket);
drop index config_latency_stats_prompt_idx;
