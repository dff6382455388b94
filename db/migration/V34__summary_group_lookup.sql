-- A patched summary read looks up each changed (config, prompt) group (ConfigMeansQuery,
-- docs/live-figures.md "Reading only what changed"). By prompt alone, a lookup visited every
-- config's row of the prompt (30 in a leaderboard of 30 configs) to keep one: 10,000 lookups
-- read 330,000 buffers in 570 ms on a quiet table of 1M groups, and took 9 to 22 s while an
-- import wrote. By (prompt, model, setting) they read 40,000 in 54 ms. The prompt comes first,
-- so the lookups of every group of a prompt (V32's log) still use it.
drop index config_prompt_stats_prompt_idx;
create index config_prompt_stats_prompt_idx on config_prompt_stats (prompt_id, model_id, setting);
drop index config_latency_stats_prompt_idx;
create index config_latency_stats_prompt_idx on config_latency_stats (prompt_id, model_id, setting);
