-- The leaderboard's patched summary read also reads again the latency buckets of the (config, prompt)
-- groups that changed (ConfigMeansQuery, docs/live-figures.md "Reading only what changed"): by
-- prompt, as it reads the summary's rows (config_prompt_stats_prompt_idx, V32).
create index config_latency_stats_prompt_idx on config_latency_stats (prompt_id);
