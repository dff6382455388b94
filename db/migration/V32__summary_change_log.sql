-- New prompts patch in (docs/live-figures.md "Reading only what changed"): what a summary row's
-- stamp cannot say (V27) is logged with the transaction that did it, instead of moving the
-- summary's epoch and so making every reader read the whole summary again: the prompts of summary
-- rows removed (a group that lost its last run), and prompts whose status or category changed or
-- that were deleted (approved, retired, merged, moved to another category).
--
-- A patched read reads again every group of the prompts logged since its last snapshot (by
-- prompt, hence the index), as it does the stamped rows. Entries older than a day are pruned by
-- the writers; summary_changes_pruned_through is the newest transaction pruned, so a reader whose
-- last snapshot is older reads in full. The epoch still moves for a truncate and for the repair
-- command (rebuild_config_prompt_stats).
create table summary_changes (
    prompt_id  bigint      not null,
    changed_by xid8        not null default pg_current_xact_id(),
    changed_at timestamptz not null default now()
);
create index summary_changes_changed_idx on summary_changes (changed_by);
create index summary_changes_age_idx on summary_changes (changed_at);
create index config_prompt_stats_prompt_idx on config_prompt_stats (prompt_id);

alter table analytics_state add column summary_changes_pruned_through xid8 not null default '0';
