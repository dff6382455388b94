-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- The per-(config, prompt) summary, kept by the writes to runs themselves (docs/live-figures.md):
-- every statement on runs applies the deltas of its transition tables (apply_summary_changes);
-- rebuild_config_prompt_stats() recomputes everything from runs, the repair command.

-- The budget of a thinking:N setting (the form system/Setting accepts), null for any other setting,
-- so "reasoning over budget" is never true outside thinking:N.
create or replace function thinking_budget(setting text) returns bigint language sql immutable as $$
    select case when setting ~ '^thinking:[0-9]{1,7}$' then substr(setting, 10)::bigint end
$$;

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
    -- marked even when already marked: the row stays locked until this transaction ends, so a
    -- new version (SummaryVersionRepository.newVersion) waits for its commit instead of clearing
    -- a mark set by an earlier write and leaving this one's changes out of every version
    update analytics_state set stale = true where id = 1;
end $$;

create or replace function config_prompt_stats_insert() returns trigger language plpgsql as $$
begin
    perform apply_summary_changes((
        select array_agg(row(n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, 1, n.input_tokens,
                             n.output_tokens, n.reasoning_tokens, n.score, n.cost_usd, n.id,
                             coalesce(n.billed_cost_usd, n.cost_usd), n.judge_cost_usd,
                             n.finish_reason, n.reasoning_tokens > thinking_budget(n.setting))::summary_change)
          from added n where n.status = 'SUCCEEDED'));
    return null;
end $$;

create or replace function config_prompt_stats_update() returns trigger language plpgsql as $$
begin
    perform apply_summary_changes((
        select array_agg(c) from (
            select row(n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, 1, n.input_tokens,
                       n.output_tokens, n.reasoning_tokens, n.score, n.cost_usd, n.id,
                       coalesce(n.billed_cost_usd, n.cost_usd), n.judge_cost_usd,
                             n.finish_reason, n.reasoning_tokens > thinking_budget(n.setting))::summary_change c
              from new_rows n where n.status = 'SUCCEEDED'
            union all
            select row(o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, -1, o.input_tokens,
                       o.output_tokens, o.reasoning_tokens, o.score, o.cost_usd, o.id,
                       coalesce(o.billed_cost_usd, o.cost_usd), o.judge_cost_usd,
                             o.finish_reason, o.reasoning_tokens > thinking_budget(o.setting))::summary_change
              from old_rows o where o.status = 'SUCCEEDED') t));
    return null;
end $$;

create or replace function config_prompt_stats_delete() returns trigger language plpgsql as $$
begin
    perform apply_summary_changes((
        select array_agg(row(o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, -1, o.input_tokens,
                             o.output_tokens, o.reasoning_tokens, o.score, o.cost_usd, o.id,
                             coalesce(o.billed_cost_usd, o.cost_usd), o.judge_cost_usd,
                             o.finish_reason, o.reasoning_tokens > thinking_budget(o.setting))::summary_change)
          from old_rows o where o.status = 'SUCCEEDED'));
    return null;
end $$;

-- The repair command rebuilds both summaries, and returns the rows of the per-prompt one.
create or replace function rebuild_config_prompt_stats() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    lock table config_prompt_stats in exclusive mode;
    lock table config_week_stats in exclusive mode;
    lock table config_latency_stats in exclusive mode;
    -- every row is rewritten: readers of the summary read it in full (the epoch), and the
    -- removals are not logged one by one (R__summary_changed_rows.sql)
    perform set_config('tokenyield.summary_rebuild', 'on', true);
    update analytics_state set summary_epoch = summary_epoch + 1 where id = 1;
    delete from config_prompt_stats;
    perform set_config('tokenyield.summary_rebuild', 'off', true);
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

drop trigger if exists runs_summary_insert on runs;
create trigger runs_summary_insert after insert on runs
    referencing new table as added
    for each statement execute function config_prompt_stats_insert();

drop trigger if exists runs_summary_update on runs;
create trigger runs_summary_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_prompt_stats_update();

drop trigger if exists runs_summary_delete on runs;
create trigger runs_summary_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_prompt_stats_delete();
