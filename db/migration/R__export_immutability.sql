-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- Published export snapshots never change: updates and deletes of their rows are refused.

create or replace function refuse_export_change() returns trigger language plpgsql as $$
begin
    raise exception 'exports are immutable: % on % refused', tg_op, tg_table_name;
end $$;

drop trigger if exists export_snapshots_immutable on export_snapshots;
create trigger export_snapshots_immutable before update or delete on export_snapshots
    for each row execute function refuse_export_change();

drop trigger if exists export_files_immutable on export_files;
create trigger export_files_immutable before update or delete on export_files
    for each row execute function refuse_export_change();

drop trigger if exists export_file_chunks_immutable on export_file_chunks;
create trigger export_file_chunks_immutable before update or delete on export_file_chunks
    for each row execute function refuse_export_change();
