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

-- V18's upkeep with the two new sums (the changes already carry score and finish reason)
create or replace function apply_summary_changes(changes summary_change[]) returns void language plpgsql as $$
begin
    if changes is null or cardinality(changes) = 0 then
        return;
    end if;
    insert into config_prompt_stats (model_id, setting, dataset, simulated, prompt_id, runs, n_input, sum_input,
                                     n_generated, sum_generated, n_reasoning, sum_reasoning, n_graded, sum_score,
                                     correct, cost_usd, sumsq_generated, min_generated, max_generated,
                                     billed_cost_usd, judge_cost_usd, n_finish, n_truncated, n_overran,
                                     n_graded_truncated, sum_score_truncated)
    select c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id,
           sum(c.sign), coalesce(sum(c.sign) filter (where c.input_tokens is not null), 0),
           coalesce(sum(c.sign * c.input_tokens), 0),
           coalesce(sum(c.sign) filter (where c.output_tokens is not null), 0),
           coalesce(sum(c.sign * c.output_tokens), 0),
           coalesce(sum(c.sign) filter (where c.reasoning_tokens is not null), 0),
           coalesce(sum(c.sign * c.reasoning_tokens), 0),
           coalesce(sum(c.sign) filter (where c.score is not null), 0),
           coalesce(sum(c.sign * c.score), 0),
           coalesce(sum(c.sign) filter (where c.score >= 0.5), 0),
           coalesce(sum(c.sign * c.cost_usd), 0),
           coalesce(sum(c.sign * c.output_tokens::double precision * c.output_tokens), 0),
           min(c.output_tokens) filter (where c.sign > 0), max(c.output_tokens) filter (where c.sign > 0),
           coalesce(sum(c.sign * c.billed_cost_usd), 0),
           coalesce(sum(c.sign * c.judge_cost_usd), 0),
           coalesce(sum(c.sign) filter (where c.finish_reason is not null), 0),
           coalesce(sum(c.sign) filter (where c.finish_reason = 'length'), 0),
           coalesce(sum(c.sign) filter (where c.overran), 0),
           coalesce(sum(c.sign) filter (where c.score is not null and c.finish_reason = 'length'), 0),
           coalesce(sum(c.sign * c.score) filter (where c.finish_reason = 'length'), 0)
      from unnest(changes) c
     group by c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id
     -- one order for every writer, so two writers touching the same groups cannot deadlock
     order by c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id
    on conflict (model_id, setting, dataset, simulated, prompt_id) do update set
           runs = config_prompt_stats.runs + excluded.runs,
           n_input = config_prompt_stats.n_input + excluded.n_input,
           sum_input = config_prompt_stats.sum_input + excluded.sum_input,
           n_generated = config_prompt_stats.n_generated + excluded.n_generated,
           sum_generated = config_prompt_stats.sum_generated + excluded.sum_generated,
           n_reasoning = config_prompt_stats.n_reasoning + excluded.n_reasoning,
           sum_reasoning = config_prompt_stats.sum_reasoning + excluded.sum_reasoning,
           n_graded = config_prompt_stats.n_graded + excluded.n_graded,
           sum_score = config_prompt_stats.sum_score + excluded.sum_score,
           correct = config_prompt_stats.correct + excluded.correct,
           cost_usd = config_prompt_stats.cost_usd + excluded.cost_usd,
           sumsq_generated = config_prompt_stats.sumsq_generated + excluded.sumsq_generated,
           min_generated = least(config_prompt_stats.min_generated, excluded.min_generated),
           max_generated = greatest(config_prompt_stats.max_generated, excluded.max_generated),
           billed_cost_usd = config_prompt_stats.billed_cost_usd + excluded.billed_cost_usd,
           judge_cost_usd = config_prompt_stats.judge_cost_usd + excluded.judge_cost_usd,
           n_finish = config_prompt_stats.n_finish + excluded.n_finish,
           n_truncated = config_prompt_stats.n_truncated + excluded.n_truncated,
           n_overran = config_prompt_stats.n_overran + excluded.n_overran,
           n_graded_truncated = config_prompt_stats.n_graded_truncated + excluded.n_graded_truncated,
           sum_score_truncated = config_prompt_stats.sum_score_truncated + excluded.sum_score_truncated;
    -- a removed token count that no added run of the same id and group brings back (deletion,
    -- merge, token correction): that group's extremes are read again from its runs
    update config_prompt_stats s
       set min_generated = x.lo, max_generated = x.hi
      from (select g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id,
                   (select min(r.output_tokens)::double precision from runs r
                     where r.model_id = g.model_id and r.setting = g.setting and r.prompt_id = g.prompt_id
                       and r.dataset = g.dataset and r.simulated = g.simulated and r.status = 'SUCCEEDED') as lo,
                   (select max(r.output_tokens)::double precision from runs r
                     where r.model_id = g.model_id and r.setting = g.setting and r.prompt_id = g.prompt_id
                       and r.dataset = g.dataset and r.simulated = g.simulated and r.status = 'SUCCEEDED') as hi
              from (select distinct o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id
                      from unnest(changes) o
                     where o.sign < 0 and o.output_tokens is not null
                       and not exists (select 1 from unnest(changes) n
                                        where n.sign > 0 and n.run_id = o.run_id and n.output_tokens = o.output_tokens
                                          and (n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id)
                                            = (o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id))) g) x
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id)
         = (x.model_id, x.setting, x.dataset, x.simulated, x.prompt_id);
    delete from config_prompt_stats s using (select distinct model_id, setting, dataset, simulated, prompt_id
                                              from unnest(changes) where sign < 0) g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id)
       and s.runs <= 0;
    update analytics_state set stale = true where id = 1 and not stale;
end $$;

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

-- Deltas from the statement's transition tables, as V25 keeps the week sums: they commute, and
-- rows are upserted in one order for every writer, so concurrent writers neither lose counts nor
-- deadlock. A bucket left without runs is deleted.
create function config_latency_stats_insert() returns trigger language plpgsql as $$
begin
    insert into config_latency_stats
    select n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, latency_bucket(n.latency_ms),
           count(*), coalesce(sum(n.latency_ms) filter (where n.output_tokens is not null), 0),
           coalesce(sum(n.output_tokens), 0)
      from added n
     where n.status = 'SUCCEEDED' and n.latency_ms is not null
     group by 1, 2, 3, 4, 5, 6
     order by 1, 2, 3, 4, 5, 6
    on conflict (model_id, setting, dataset, simulated, prompt_id, bucket) do update set
           runs = config_latency_stats.runs + excluded.runs,
           sum_latency_ms = config_latency_stats.sum_latency_ms + excluded.sum_latency_ms,
           sum_output = config_latency_stats.sum_output + excluded.sum_output;
    return null;
end $$;

create function config_latency_stats_update() returns trigger language plpgsql as $$
begin
    insert into config_latency_stats
    select c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id, c.bucket,
           sum(c.sign),
           coalesce(sum(c.sign * c.latency_ms) filter (where c.output_tokens is not null), 0),
           coalesce(sum(c.sign * c.output_tokens), 0)
      from (select n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, latency_bucket(n.latency_ms) as bucket,
                   1 as sign, n.latency_ms, n.output_tokens
              from new_rows n where n.status = 'SUCCEEDED' and n.latency_ms is not null
            union all
            select o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, latency_bucket(o.latency_ms),
                   -1, o.latency_ms, o.output_tokens
              from old_rows o where o.status = 'SUCCEEDED' and o.latency_ms is not null) c
     group by 1, 2, 3, 4, 5, 6
     order by 1, 2, 3, 4, 5, 6
    on conflict (model_id, setting, dataset, simulated, prompt_id, bucket) do update set
           runs = config_latency_stats.runs + excluded.runs,
           sum_latency_ms = config_latency_stats.sum_latency_ms + excluded.sum_latency_ms,
           sum_output = config_latency_stats.sum_output + excluded.sum_output;
    delete from config_latency_stats s
     using (select distinct o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id,
                   latency_bucket(o.latency_ms) as bucket
              from old_rows o where o.status = 'SUCCEEDED' and o.latency_ms is not null) g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id, s.bucket)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id, g.bucket)
       and s.runs <= 0;
    return null;
end $$;

create function config_latency_stats_delete() returns trigger language plpgsql as $$
begin
    update config_latency_stats s
       set runs = s.runs - g.runs, sum_latency_ms = s.sum_latency_ms - g.sum_latency_ms,
           sum_output = s.sum_output - g.sum_output
      from (select o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, latency_bucket(o.latency_ms) as bucket,
                   count(*) as runs,
                   coalesce(sum(o.latency_ms) filter (where o.output_tokens is not null), 0) as sum_latency_ms,
                   coalesce(sum(o.output_tokens), 0) as sum_output
              from old_rows o where o.status = 'SUCCEEDED' and o.latency_ms is not null
             group by 1, 2, 3, 4, 5, 6
             order by 1, 2, 3, 4, 5, 6) g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id, s.bucket)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id, g.bucket);
    delete from config_latency_stats s
     where s.runs <= 0
       and (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id, s.bucket) in
           (select o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, latency_bucket(o.latency_ms)
              from old_rows o where o.status = 'SUCCEEDED' and o.latency_ms is not null);
    return null;
end $$;

create trigger runs_latency_insert after insert on runs
    referencing new table as added
    for each statement execute function config_latency_stats_insert();
create trigger runs_latency_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_latency_stats_update();
create trigger runs_latency_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_latency_stats_delete();

-- The repair command rebuilds the three summaries; columns named, since config_prompt_stats has
-- changed_by (V27) between its older and its newer columns.
create or replace function rebuild_config_prompt_stats() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    lock table config_prompt_stats in exclusive mode;
    lock table config_week_stats in exclusive mode;
    lock table config_latency_stats in exclusive mode;
    delete from config_prompt_stats;
    insert into config_prompt_stats (model_id, setting, dataset, simulated, prompt_id, runs, n_input, sum_input,
                                     n_generated, sum_generated, n_reasoning, sum_reasoning, n_graded, sum_score,
                                     correct, cost_usd, sumsq_generated, min_generated, max_generated,
                                     billed_cost_usd, judge_cost_usd, n_finish, n_truncated, n_overran,
                                     n_graded_truncated, sum_score_truncated)
    select model_id, setting, dataset, simulated, prompt_id, runs, n_input, sum_input, n_generated, sum_generated,
           n_reasoning, sum_reasoning, n_graded, sum_score, correct, cost_usd, sumsq_generated, min_generated,
           max_generated, billed_cost_usd, judge_cost_usd, n_finish, n_truncated, n_overran, n_graded_truncated,
           sum_score_truncated
      from config_prompt_stats_source;
    get diagnostics n = row_count;
    delete from config_week_stats;
    insert into config_week_stats select * from config_week_stats_source;
    delete from config_latency_stats;
    insert into config_latency_stats select * from config_latency_stats_source;
    update analytics_state set stale = true where id = 1;
    return n;
end $$;

select rebuild_config_prompt_stats();

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
