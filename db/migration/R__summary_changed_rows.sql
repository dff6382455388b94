-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- What the leaderboard's patched reads need: each summary row stamped with the transaction that
-- changed it, and an epoch moved when rows are removed or a prompt changes (ConfigMeansQuery).

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

create or replace function config_prompt_stats_removed() returns trigger language plpgsql as $$
begin
    -- the upkeep's delete of emptied groups runs with every regrade, mostly deleting nothing
    if exists (select 1 from removed_rows) then
        update analytics_state set summary_epoch = summary_epoch + 1 where id = 1;
    end if;
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
create trigger prompts_bump_summary_epoch after update of status, category or delete on prompts
    for each statement execute function bump_summary_epoch();
