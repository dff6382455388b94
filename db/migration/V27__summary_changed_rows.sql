-- The leaderboard's recompute reads only the summary rows changed since its last read
-- (docs/live-figures.md "Reading only what changed"): a full read of config_prompt_stats is
-- about 20,000 rows for 20 configs of 1,000 prompts and was most of the recompute a new run
-- waits for.
--
-- Each row carries the transaction that last wrote it. A reader that remembers the snapshot of
-- its last read asks for the rows whose writer that snapshot did not see; rows of a transaction
-- still running then are found by the next read, whatever order the writers commit in.
alter table config_prompt_stats add column changed_by xid8 not null default pg_current_xact_id();
create index config_prompt_stats_changed_idx on config_prompt_stats (changed_by);

create function config_prompt_stats_stamp() returns trigger language plpgsql as $$
begin
    new.changed_by := pg_current_xact_id();
    return new;
end $$;
create trigger config_prompt_stats_stamp before insert or update on config_prompt_stats
    for each row execute function config_prompt_stats_stamp();

-- A stamp cannot say that a row is gone, nor that a prompt left the figures: removed summary
-- rows (a group that lost its last run, the repair command) and prompt changes (status,
-- category) move the summary's epoch, and a reader whose last read is of an older epoch reads
-- everything again.
alter table analytics_state add column summary_epoch bigint not null default 0;

create function bump_summary_epoch() returns trigger language plpgsql as $$
begin
    update analytics_state set summary_epoch = summary_epoch + 1 where id = 1;
    return null;
end $$;

create function config_prompt_stats_removed() returns trigger language plpgsql as $$
begin
    -- the upkeep's delete of emptied groups runs with every regrade, mostly deleting nothing
    if exists (select 1 from removed_rows) then
        update analytics_state set summary_epoch = summary_epoch + 1 where id = 1;
    end if;
    return null;
end $$;
create trigger config_prompt_stats_removed after delete on config_prompt_stats
    referencing old table as removed_rows for each statement execute function config_prompt_stats_removed();
create trigger config_prompt_stats_truncated after truncate on config_prompt_stats
    for each statement execute function bump_summary_epoch();
create trigger prompts_bump_summary_epoch after update of status, category or delete on prompts
    for each statement execute function bump_summary_epoch();
