-- Per-week sums of every (config, prompt), for the timeline (METRICS.md section 8; issue 7): the
-- figure pools each prompt's runs per ISO week (UTC) and per window of weeks, so sums per week
-- are all it needs. Read from here, its cost grows with prompts x weeks, not with the runs: at
-- 10M stored runs it read 500,000 runs per config, and the change watcher reads every version's
-- timeline. Same upkeep as config_prompt_stats (V12): deltas from statement triggers on runs, a
-- source view the tests compare with, and the rebuild as the repair command.
--
-- week is the Monday (UTC) of the run's ISO week: the week the timeline labels 2026-W47.

create table config_week_stats (
    model_id      bigint           not null,
    setting       varchar(64)      not null,
    dataset       varchar(80)      not null,
    simulated     boolean          not null,
    prompt_id     bigint           not null,
    week          date             not null,
    runs          bigint           not null,
    n_generated   bigint           not null,
    sum_generated double precision not null,
    n_graded      bigint           not null,
    sum_score     double precision not null,
    primary key (model_id, setting, dataset, simulated, prompt_id, week)
);

create function run_week(finished_at timestamptz) returns date language sql immutable as $$
    select date_trunc('week', finished_at at time zone 'UTC')::date
$$;

create view config_week_stats_source as
select r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id, run_week(r.finished_at) as week,
       count(*)                                               as runs,
       count(r.output_tokens)                                 as n_generated,
       coalesce(sum(r.output_tokens), 0)::double precision    as sum_generated,
       count(r.score)                                         as n_graded,
       coalesce(sum(r.score), 0)::double precision            as sum_score
  from runs r
 where r.status = 'SUCCEEDED'
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id, run_week(r.finished_at);

-- The upkeep reads the statement's transition tables directly (no array of changes as V12 builds):
-- an import's statement brings 50,000 rows, and this trigger runs beside the per-prompt one.
-- Deltas commute, so concurrent writers of one week never overwrite each other; rows are upserted
-- in one order for every writer, so two writers touching the same weeks cannot deadlock.
create function config_week_stats_insert() returns trigger language plpgsql as $$
begin
    insert into config_week_stats
    select n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, run_week(n.finished_at),
           count(*), count(n.output_tokens), coalesce(sum(n.output_tokens), 0), count(n.score),
           coalesce(sum(n.score), 0)
      from added n
     where n.status = 'SUCCEEDED'
     group by 1, 2, 3, 4, 5, 6
     order by 1, 2, 3, 4, 5, 6
    on conflict (model_id, setting, dataset, simulated, prompt_id, week) do update set
           runs = config_week_stats.runs + excluded.runs,
           n_generated = config_week_stats.n_generated + excluded.n_generated,
           sum_generated = config_week_stats.sum_generated + excluded.sum_generated,
           n_graded = config_week_stats.n_graded + excluded.n_graded,
           sum_score = config_week_stats.sum_score + excluded.sum_score;
    return null;
end $$;

-- Runs that count now (+1) and those that counted before (-1). Claims, leases and failures touch
-- no SUCCEEDED run and change nothing. A week left without runs is deleted.
create function config_week_stats_update() returns trigger language plpgsql as $$
begin
    insert into config_week_stats
    select c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id, c.week,
           sum(c.sign),
           coalesce(sum(c.sign) filter (where c.output_tokens is not null), 0),
           coalesce(sum(c.sign * c.output_tokens), 0),
           coalesce(sum(c.sign) filter (where c.score is not null), 0),
           coalesce(sum(c.sign * c.score), 0)
      from (select n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, run_week(n.finished_at) as week,
                   1 as sign, n.output_tokens, n.score
              from new_rows n where n.status = 'SUCCEEDED'
            union all
            select o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, run_week(o.finished_at),
                   -1, o.output_tokens, o.score
              from old_rows o where o.status = 'SUCCEEDED') c
     group by 1, 2, 3, 4, 5, 6
     order by 1, 2, 3, 4, 5, 6
    on conflict (model_id, setting, dataset, simulated, prompt_id, week) do update set
           runs = config_week_stats.runs + excluded.runs,
           n_generated = config_week_stats.n_generated + excluded.n_generated,
           sum_generated = config_week_stats.sum_generated + excluded.sum_generated,
           n_graded = config_week_stats.n_graded + excluded.n_graded,
           sum_score = config_week_stats.sum_score + excluded.sum_score;
    delete from config_week_stats s
     using (select distinct o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, run_week(o.finished_at) as week
              from old_rows o where o.status = 'SUCCEEDED') g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id, s.week)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id, g.week)
       and s.runs <= 0;
    return null;
end $$;

create function config_week_stats_delete() returns trigger language plpgsql as $$
begin
    update config_week_stats s
       set runs = s.runs - g.runs, n_generated = s.n_generated - g.n_generated,
           sum_generated = s.sum_generated - g.sum_generated, n_graded = s.n_graded - g.n_graded,
           sum_score = s.sum_score - g.sum_score
      from (select o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, run_week(o.finished_at) as week,
                   count(*) as runs, count(o.output_tokens) as n_generated,
                   coalesce(sum(o.output_tokens), 0) as sum_generated, count(o.score) as n_graded,
                   coalesce(sum(o.score), 0) as sum_score
              from old_rows o where o.status = 'SUCCEEDED'
             group by 1, 2, 3, 4, 5, 6
             order by 1, 2, 3, 4, 5, 6) g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id, s.week)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id, g.week);
    delete from config_week_stats s
     where s.runs <= 0
       and (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id, s.week) in
           (select o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, run_week(o.finished_at)
              from old_rows o where o.status = 'SUCCEEDED');
    return null;
end $$;

create trigger runs_weeks_insert after insert on runs
    referencing new table as added
    for each statement execute function config_week_stats_insert();
create trigger runs_weeks_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_week_stats_update();
create trigger runs_weeks_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_week_stats_delete();

-- The repair command rebuilds both summaries, and returns the rows of the per-prompt one as before.
create or replace function rebuild_config_prompt_stats() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    lock table config_prompt_stats in exclusive mode;
    lock table config_week_stats in exclusive mode;
    delete from config_prompt_stats;
    insert into config_prompt_stats select * from config_prompt_stats_source;
    get diagnostics n = row_count;
    delete from config_week_stats;
    insert into config_week_stats select * from config_week_stats_source;
    update analytics_state set stale = true where id = 1;
    return n;
end $$;

insert into config_week_stats select * from config_week_stats_source;
