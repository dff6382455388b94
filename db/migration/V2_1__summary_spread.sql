-- The summary also keeps the spread of generated tokens per (config, prompt): the sum of squares,
-- the minimum and the maximum. With them the leaderboard's cost nondeterminism (METRICS.md
-- section 4: median CV_p, share of prompts with max/min > 2) is read from the summary like every
-- other column, never by scanning runs per page view. Same rows and key as in V1; three columns more.
drop materialized view config_prompt_stats;
create materialized view config_prompt_stats as
select r.model_id,
       r.setting,
       r.dataset,
       r.simulated,
       r.prompt_id,
       count(*)                                          as runs,
       count(r.input_tokens)                             as n_input,
       coalesce(sum(r.input_tokens), 0)::double precision    as sum_input,
       count(r.output_tokens)                            as n_generated,
       coalesce(sum(r.output_tokens), 0)::double precision   as sum_generated,
       count(r.reasoning_tokens)                         as n_reasoning,
       coalesce(sum(r.reasoning_tokens), 0)::double precision as sum_reasoning,
       count(r.score)                                    as n_graded,
       coalesce(sum(r.score), 0)                         as sum_score,
       count(*) filter (where r.score >= 0.5)            as correct,
       coalesce(sum(r.cost_usd), 0)::double precision    as cost_usd,
       coalesce(sum(r.output_tokens::double precision * r.output_tokens), 0) as sumsq_generated,
       min(r.output_tokens)::double precision            as min_generated,
       max(r.output_tokens)::double precision            as max_generated
  from runs r
  join prompts p on p.id = r.prompt_id
 where r.status = 'SUCCEEDED' and p.status = 'APPROVED'
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id;
create unique index config_prompt_stats_uq on config_prompt_stats (model_id, setting, dataset, simulated, prompt_id);
