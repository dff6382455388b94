-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- The stale mark: writes that change what figures read (prompt status, the catalog, its prices)
-- mark analytics_state stale, and the summary version job turns the mark into a new version.
-- Runs mark it through the summary's own triggers (R__config_prompt_stats.sql).

create or replace function mark_analytics_stale() returns trigger language plpgsql as $$
begin
    -- even when already marked, so a new version waits for this commit (R__config_prompt_stats.sql)
    update analytics_state set stale = true where id = 1;
    return null;
end $$;

drop trigger if exists prompts_mark_stale on prompts;
create trigger prompts_mark_stale after update of status on prompts
    for each statement execute function mark_analytics_stale();

-- Cached figures are keyed by the summary's refresh time. A change to the catalog (a version
-- added, a predecessor or price changed) must move that key too, so it marks the summary stale
-- like a run does; the next background refresh then invalidates every cached figure.
drop trigger if exists model_versions_mark_stale on model_versions;
create trigger model_versions_mark_stale after insert or update or delete on model_versions
    for each statement execute function mark_analytics_stale();

drop trigger if exists model_prices_mark_stale on model_prices;
create trigger model_prices_mark_stale after insert or update or delete on model_prices
    for each statement execute function mark_analytics_stale();
