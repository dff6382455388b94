-- Figures of a config beside its cost (docs/methodology-notes.md "Truncation, time and caching"):
--
-- * accuracy without the runs cut at the output cap: the summary gains, per (config, prompt), the
--   graded runs that finished with 'length' and the sum of their scores, so the figure reads
--   per-prompt sums like accuracy itself;
-- * latency p50 / p95 and output tokens per second: quantiles cannot be summed, so runs are
--   counted in fixed latency buckets per (config, prompt) (config_latency_stats, kept by the
--   writes like config_week_stats, V25): a quantile is read from the bucket counts, its cost
--   bounded by prompts x buckets whatever the number of runs;
-- * cache writes priced as the provider bills them: model_prices gains cache_write_per_mtok
--   (null: billed as input, as before); cached_input_per_mtok is the cache-read price;
-- * run_results publishes each run's visible answer and its cache writes (unseen tokens, cost).

-- ---------------------------------------------------------------- truncated runs' scores

alter table config_prompt_stats
    add column n_graded_truncated  bigint           not null default 0,
    add column sum_score_truncated double precision not null default 0;

create or replace view config_prompt_stats_source as
select r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id,
       count(*)                                                as runs,
       count(r.input_tokens)                                   as n_input,
       coalesce(sum(r.input_tokens), 0)::double precision      as sum_input,
       count(r.output_tokens)                                  as n_generated,
       coalesce(sum(r.output_tokens), 0)::double precision     as sum_generated,
       count(r.reasoning_tokens)                               as n_reasoning,
       coalesce(sum(r.reasoning_tokens), 0)::double precision  as sum_reasoning,
       count(r.score)                                          as n_graded,
       coalesce(sum(r.score), 0)::double precision             as sum_score,
       count(*) filter (where r.score >= 0.5)                  as correct,
       coalesce(sum(r.cost_usd), 0)::double precision          as cost_usd,
       coalesce(sum(r.output_tokens::double precision * r.output_tokens), 0) as sumsq_generated,
       min(r.output_tokens)::double precision                  as min_generated,
       max(r.output_tokens)::double precision                  as max_generated,
       coalesce(sum(coalesce(r.billed_cost_usd, r.cost_usd)), 0)::double precision as billed_cost_usd,
       coalesce(sum(r.judge_cost_usd), 0)::double precision    as judge_cost_usd,
       count(r.finish_reason)                                  as n_finish,
       count(*) filter (where r.finish_reason = 'length')      as n_truncated,
       count(*) filter (where r.reasoning_tokens > thinking_budget(r.setting)) as n_overran,
       count(r.score) filter (where r.finish_reason = 'length') as n_graded_truncated,
       coalesce(sum(r.score) filter (where r.finish_reason = 'length'), 0)::double precision as sum_score_truncated
  from runs r
 where r.status = 'SUCCEEDED'
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id;

-- ---------------------------------------------------------------- latency buckets

-- The bucket of a latency in milliseconds: the number of edges at or below it, so 0 ms is bucket
-- 0, [1, 2) ms bucket 1, ... and 33,554,432 ms (9.3 h) and above the last, 96. The edges are
-- round(2^(k/4)) for k = 0..100 without repeats (analytics/calc/LatencyBuckets computes the same
-- list; LatencyFiguresIntegrationTests compares both): each bucket spans at most a factor 2^(1/4).
create function latency_bucket(latency_ms bigint) returns smallint language sql immutable as $$
    select case when latency_ms is not null then width_bucket(latency_ms, array[
        1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16, 19, 23, 27, 32, 38, 45, 54, 64, 76, 91, 108, 128, 152,
        181, 215, 256, 304, 362, 431, 512, 609, 724, 861, 1024, 1218, 1448, 1722, 2048, 2435, 2896,
        3444, 4096, 4871, 5793, 6889, 8192, 9742, 11585, 13777, 16384, 19484, 23170, 27554, 32768,
        38968, 46341, 55109, 65536, 77936, 92682, 110218, 131072, 155872, 185364, 220436, 262144,
        311744, 370728, 440872, 524288, 623487, 741455, 881744, 1048576, 1246974, 1482910, 1763488,
        2097152, 2493948, 2965821, 3526975, 4194304, 4987896, 5931642, 7053950, 8388608, 9975792,
        11863283, 14107901, 16777216, 19951585, 23726566, 28215802, 33554432]::bigint[])::smallint end
$$;

-- Successful runs with a latency, per (config, prompt, bucket); sum_latency_ms and sum_output
-- over those of them that report output tokens (output tokens per second = their ratio).
create table config_latency_stats (
    model_id       bigint           not null,
    setting        varchar(64)      not null,
    dataset        varchar(80)      not null,
    simulated      boolean          not null,
    prompt_id      bigint           not null,
    bucket         smallint         not null,
    runs           bigint           not null,
    sum_latency_ms double precision not null,
    sum_output     double precision not null,
    primary key (model_id, setting, dataset, simulated, prompt_id, bucket)
);

create view config_latency_stats_source as
select r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id, latency_bucket(r.latency_ms) as bucket,
       count(*)                                                                             as runs,
       coalesce(sum(r.latency_ms) filter (where r.output_tokens is not null), 0)::double precision as sum_latency_ms,
       coalesce(sum(r.output_tokens), 0)::double precision                                  as sum_output
  from runs r
 where r.status = 'SUCCEEDED' and r.latency_ms is not null
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id, latency_bucket(r.latency_ms);

-- Fill what the new sums and buckets hold for the runs already stored; from here on the upkeep
-- in R__config_prompt_stats.sql and R__config_latency_stats.sql keeps them.
update config_prompt_stats s
   set n_graded_truncated = v.n_graded_truncated, sum_score_truncated = v.sum_score_truncated
  from config_prompt_stats_source v
 where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id)
     = (v.model_id, v.setting, v.dataset, v.simulated, v.prompt_id);
insert into config_latency_stats select * from config_latency_stats_source;
update analytics_state set stale = true where id = 1;

-- ---------------------------------------------------------------- cache prices

-- USD per million cache-write tokens (Anthropic's cache_creation_input_tokens), in force from the
-- row's effective_from like its other prices; null: cache writes are billed as input.
alter table model_prices add column cache_write_per_mtok numeric(12,6) check (cache_write_per_mtok >= 0);

create or replace view catalog_prices as
select model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok,
       tier_above_input_tokens, tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok,
       cache_write_per_mtok
  from model_prices;

-- ---------------------------------------------------------------- published run columns

create or replace view run_results as
select id, plan_id, prompt_id, model_id, setting, sample, status, dataset, simulated,
       input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, latency_ms,
       cost_usd, billed_cost_usd, finish_reason, extracted_answer, voting_key, score, finished_at,
       cache_write_tokens, answer
  from runs
 where status in ('SUCCEEDED', 'FAILED');
