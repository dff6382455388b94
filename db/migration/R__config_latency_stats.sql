-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- Runs counted in fixed latency buckets per (config, prompt), kept by the writes to runs like the
-- week sums: p50 / p95 are read from the bucket counts (docs/methodology-notes.md).

-- Deltas from the statement's transition tables, as V25 keeps the week sums: they commute, and
-- rows are upserted in one order for every writer, so concurrent writers neither lose counts nor
-- deadlock. A bucket left without runs is deleted.
create or replace function config_latency_stats_insert() returns trigger language plpgsql as $$
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

create or replace function config_latency_stats_update() returns trigger language plpgsql as $$
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

create or replace function config_latency_stats_delete() returns trigger language plpgsql as $$
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

drop trigger if exists runs_latency_insert on runs;
create trigger runs_latency_insert after insert on runs
    referencing new table as added
    for each statement execute function config_latency_stats_insert();
drop trigger if exists runs_latency_update on runs;
create trigger runs_latency_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_latency_stats_update();
drop trigger if exists runs_latency_delete on runs;
create trigger runs_latency_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_latency_stats_delete();
