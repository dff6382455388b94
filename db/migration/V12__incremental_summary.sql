-- The per-(config, prompt) summary becomes a table kept current by the writes themselves, instead
-- of a materialized view refreshed over the whole history after every change (issue 7: at 1M runs
-- one refresh took ~15 s, and a running plan made one every few seconds).
--
-- * Rows cover every SUCCEEDED run, whatever its prompt's status: readers join prompts and keep
--   APPROVED ones, so approving, retiring or merging a prompt changes no summary row at all.
-- * Inserted runs (the run queue's recorder inserts none; imports insert thousands per statement
--   through COPY) add their sums as deltas, one upsert per statement over its transition table.
-- * Updated or deleted runs (a run finishing, a regrade, a merge moving runs) recompute the few
--   (config, prompt) groups they touch from runs_config_idx: exact for sums, minima and maxima
--   alike, and bounded by the group's own runs, never by the history.
-- * rebuild_config_prompt_stats() recomputes everything from runs: the repair command and the
--   tests' oracle.
-- Only statements that touch SUCCEEDED runs mark the figures stale; claims and leases do not.

drop trigger runs_mark_stale on runs;
drop materialized view config_prompt_stats;

create table config_prompt_stats (
    model_id        bigint           not null,
    setting         varchar(64)      not null,
    dataset         varchar(80)      not null,
    simulated       boolean          not null,
    prompt_id       bigint           not null,
    runs            bigint           not null,
    n_input         bigint           not null,
    sum_input       double precision not null,
    n_generated     bigint           not null,
    sum_generated   double precision not null,
    n_reasoning     bigint           not null,
    sum_reasoning   double precision not null,
    n_graded        bigint           not null,
    sum_score       double precision not null,
    correct         bigint           not null,
    cost_usd        double precision not null,
    sumsq_generated double precision not null,
    min_generated   double precision,
    max_generated   double precision,
    primary key (model_id, setting, dataset, simulated, prompt_id)
);

-- The aggregate of one set of runs, in the summary's columns: the one definition the delta, the
-- group recompute and the rebuild share.
create view config_prompt_stats_source as
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
       max(r.output_tokens)::double precision                  as max_generated
  from runs r
 where r.status = 'SUCCEEDED'
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id;

create function rebuild_config_prompt_stats() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    lock table config_prompt_stats in exclusive mode;
    delete from config_prompt_stats;
    insert into config_prompt_stats select * from config_prompt_stats_source;
    get diagnostics n = row_count;
    update analytics_state set stale = true where id = 1;
    return n;
end $$;

select rebuild_config_prompt_stats();

create function config_prompt_stats_add() returns trigger language plpgsql as $$
begin
    insert into config_prompt_stats
    select r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id,
           count(*), count(r.input_tokens), coalesce(sum(r.input_tokens), 0),
           count(r.output_tokens), coalesce(sum(r.output_tokens), 0),
           count(r.reasoning_tokens), coalesce(sum(r.reasoning_tokens), 0),
           count(r.score), coalesce(sum(r.score), 0), count(*) filter (where r.score >= 0.5),
           coalesce(sum(r.cost_usd), 0), coalesce(sum(r.output_tokens::double precision * r.output_tokens), 0),
           min(r.output_tokens), max(r.output_tokens)
      from added r
     where r.status = 'SUCCEEDED'
     group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id
     -- one order for every writer, so two imports touching the same groups cannot deadlock
     order by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id
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
           max_generated = greatest(config_prompt_stats.max_generated, excluded.max_generated);
    if found then
        update analytics_state set stale = true where id = 1 and not stale;
    end if;
    return null;
end $$;

-- A (config, prompt) group of the summary.
create type summary_group as (model_id bigint, setting varchar(64), dataset varchar(80), simulated boolean,
                              prompt_id bigint);

-- Recomputes the given groups from their own runs (runs_config_idx), and drops groups left empty.
create function recompute_summary_groups(groups summary_group[]) returns void language plpgsql as $$
begin
    insert into config_prompt_stats
    select r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id,
           count(*), count(r.input_tokens), coalesce(sum(r.input_tokens), 0),
           count(r.output_tokens), coalesce(sum(r.output_tokens), 0),
           count(r.reasoning_tokens), coalesce(sum(r.reasoning_tokens), 0),
           count(r.score), coalesce(sum(r.score), 0), count(*) filter (where r.score >= 0.5),
           coalesce(sum(r.cost_usd), 0), coalesce(sum(r.output_tokens::double precision * r.output_tokens), 0),
           min(r.output_tokens), max(r.output_tokens)
      from unnest(groups) g
      join runs r on r.model_id = g.model_id and r.setting = g.setting and r.prompt_id = g.prompt_id
                 and r.dataset = g.dataset and r.simulated = g.simulated and r.status = 'SUCCEEDED'
     group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id
     order by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id
    on conflict (model_id, setting, dataset, simulated, prompt_id) do update set
           runs = excluded.runs, n_input = excluded.n_input, sum_input = excluded.sum_input,
           n_generated = excluded.n_generated, sum_generated = excluded.sum_generated,
           n_reasoning = excluded.n_reasoning, sum_reasoning = excluded.sum_reasoning,
           n_graded = excluded.n_graded, sum_score = excluded.sum_score, correct = excluded.correct,
           cost_usd = excluded.cost_usd, sumsq_generated = excluded.sumsq_generated,
           min_generated = excluded.min_generated, max_generated = excluded.max_generated;
    delete from config_prompt_stats s using unnest(groups) g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id)
       and not exists (select 1 from runs r
                        where r.model_id = g.model_id and r.setting = g.setting and r.prompt_id = g.prompt_id
                          and r.dataset = g.dataset and r.simulated = g.simulated and r.status = 'SUCCEEDED');
    update analytics_state set stale = true where id = 1 and not stale;
end $$;

-- Claims, leases and failures touch no SUCCEEDED run: they return at the first check.
create function config_prompt_stats_update() returns trigger language plpgsql as $$
declare
    groups summary_group[];
begin
    select array_agg(g) into groups from (
        select row(model_id, setting, dataset, simulated, prompt_id)::summary_group g from old_rows where status = 'SUCCEEDED'
        union
        select row(model_id, setting, dataset, simulated, prompt_id)::summary_group from new_rows where status = 'SUCCEEDED'
    ) t;
    if groups is not null then
        perform recompute_summary_groups(groups);
    end if;
    return null;
end $$;

create function config_prompt_stats_delete() returns trigger language plpgsql as $$
declare
    groups summary_group[];
begin
    select array_agg(distinct row(model_id, setting, dataset, simulated, prompt_id)::summary_group) into groups
      from old_rows where status = 'SUCCEEDED';
    if groups is not null then
        perform recompute_summary_groups(groups);
    end if;
    return null;
end $$;

create trigger runs_summary_insert after insert on runs
    referencing new table as added
    for each statement execute function config_prompt_stats_add();
create trigger runs_summary_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_prompt_stats_update();
create trigger runs_summary_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_prompt_stats_delete();

-- The figures' clock: every bump of refreshed_at is a new version of the summary, and what a
-- figure response calls its as_of.
update analytics_state set stale = true where id = 1;
