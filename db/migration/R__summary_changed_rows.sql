-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- What the leaderboard's patched reads need (ConfigMeansQuery): each summary row stamped with the
-- transaction that changed it; the prompts of removed rows and changed prompts logged with theirs
-- (summary_changes, V32); an epoch moved only when the whole summary is rewritten.

create or replace function config_prompt_stats_stamp() returns trigger language plpgsql as $$
begin
    new.changed_by := pg_current_xact_id();
    return new;
end $$;

create or replace function bump_summary_epoch() returns trigger language plpgsql as $$
begin
    update analytics_state set summary_epoch = summary_epoch + 1 where id = 1;
    return null;
end $$;

-- Entries a day old go when one is two days old: one delete a day, not one per write. A reader
-- whose last snapshot predates the newest pruned entry reads in full.
create or replace function prune_summary_changes() returns void language plpgsql as $$
begin
    if exists (select 1 from summary_changes where changed_at < now() - interval '2 days') then
        with gone as (delete from summary_changes where changed_at < now() - interval '1 day' returning changed_by)
        update analytics_state
           set summary_changes_pruned_through = greatest(summary_changes_pruned_through,
                   (select changed_by from gone order by changed_by desc limit 1))
         where id = 1;
    end if;
end $$;

create or replace function config_prompt_stats_removed() returns trigger language plpgsql as $$
begin
    -- the repair command moves the epoch itself: every reader reads in full after it
    if current_setting('tokenyield.summary_rebuild', true) = 'on' then
        return null;
    end if;
    -- the upkeep's delete of emptied groups runs with every regrade, mostly deleting nothing
    insert into summary_changes (prompt_id) select distinct prompt_id from removed_rows;
    if found then
        perform prune_summary_changes();
    end if;
    return null;
end $$;

create or replace function prompt_changed() returns trigger language plpgsql as $$
begin
    insert into summary_changes (prompt_id) values (case when tg_op = 'DELETE' then old.id else new.id end);
    perform prune_summary_changes();
    return null;
end $$;

drop trigger if exists config_prompt_stats_stamp on config_prompt_stats;
create trigger config_prompt_stats_stamp before insert or update on config_prompt_stats
    for each row execute function config_prompt_stats_stamp();

drop trigger if exists config_prompt_stats_removed on config_prompt_stats;
create trigger config_prompt_stats_removed after delete on config_prompt_stats
    referencing old table as removed_rows for each statement execute function config_prompt_stats_removed();

drop trigger if exists config_prompt_stats_truncated on config_prompt_stats;
create trigger config_prompt_stats_truncated after truncate on config_prompt_stats
    for each statement execute function bump_summary_epoch();

drop trigger if exists prompts_bump_summary_epoch on prompts;
drop trigger if exists prompts_changed on prompts;
create trigger prompts_changed after update of status, category on prompts
    for each row when (old.status is distinct from new.status or old.category is distinct from new.category)
    execute function prompt_changed();
drop trigger if exists prompts_deleted on prompts;
create trigger prompts_deleted after delete on prompts
    for each row execute function prompt_changed();
