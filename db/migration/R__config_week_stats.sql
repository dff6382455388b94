-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- The per-(config, prompt, week) sums of the timeline, kept by the writes to runs like the
-- per-prompt summary.

create or replace function run_week(finished_at timestamptz) returns date language sql immutable as $$
    select date_trunc('week', finished_at at time zone 'UTC')::date
$$;

-- The upkeep reads the statement's transition tables directly (not an array of changes):
-- an import's statement brings 50,000 rows, and this trigger runs beside the per-prompt one.
-- Deltas commute, so concurrent writers of one week never overwrite each other; rows are upserted
-- in one order for every writer, so two writers touching the same weeks cannot deadlock.
create or replace function config_week_stats_insert() returns trigger language plpgsql as $$
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
create or replace function config_week_stats_update() returns trigger language plpgsql as $$
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

create or replace function config_week_stats_delete() returns trigger language plpgsql as $$
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

drop trigger if exists runs_weeks_insert on runs;
create trigger runs_weeks_insert after insert on runs
    referencing new table as added
    for each statement execute function config_week_stats_insert();

drop trigger if exists runs_weeks_update on runs;
create trigger runs_weeks_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_week_stats_update();

drop trigger if exists runs_weeks_delete on runs;
create trigger runs_weeks_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_week_stats_delete();
