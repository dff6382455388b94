-- Repeatable (Flyway runs it after the versioned migrations whenever its text changes): the
-- current definitions, changed here in place; versioned migrations only change tables
-- (docs/architecture.md, "Migrations").
-- What the foreign keys of runs.prompt_id, runs.model_id and runs.import_id did, checked once per
-- statement (V35; docs/architecture.md "References of runs"): a run refers only to a stored
-- prompt, version and import, and none of those is deleted while a run refers to it. The errors
-- are a foreign key's (SQLSTATE 23503, the constraint's old name), so callers see the same
-- DataIntegrityViolationException.

-- As PostgreSQL's own check does, the rows referred to are locked FOR KEY SHARE: a delete of one
-- of them waits for this transaction to end (and then finds its runs), or this statement waits
-- for the delete and then does not lock the row it removed. So fewer rows locked than keys named
-- means a key names nothing, which a read with a new snapshot then finds. Each row is locked once
-- per statement, in id order.
create or replace function lock_run_references(referred text, col text, ids bigint[]) returns void
    language plpgsql as $$
declare
    locked int;
    key bigint;
begin
    execute format('select count(*) from (select 1 from %I r where r.id = any($1) order by r.id for key share) l',
                   referred) using ids into locked;
    if locked < cardinality(ids) then
        execute format('select k from unnest($1) k where not exists (select 1 from %I r where r.id = k) limit 1',
                       referred) using ids into key;
        raise foreign_key_violation using
            message = format('insert or update on table "runs" violates foreign key constraint "runs_%s_fkey"', col),
            detail = format('Key (%s)=(%s) is not present in table "%s".', col, key, referred),
            constraint = format('runs_%s_fkey', col), table = 'runs';
    end if;
end $$;

-- The statement's runs are read once.
create or replace function runs_references_added() returns trigger language plpgsql as $$
declare
    prompt_ids bigint[];
    model_ids bigint[];
    import_ids bigint[];
begin
    select array_agg(distinct a.prompt_id), array_agg(distinct a.model_id),
           coalesce(array_agg(distinct a.import_id) filter (where a.import_id is not null), '{}')
      into prompt_ids, model_ids, import_ids
      from added a;
    perform lock_run_references('prompts', 'prompt_id', prompt_ids);
    perform lock_run_references('model_versions', 'model_id', model_ids);
    perform lock_run_references('dataset_imports', 'import_id', import_ids);
    return null;
end $$;

-- Nothing in the application changes these columns; a change made by hand is checked row by row.
create or replace function runs_references_changed() returns trigger language plpgsql as $$
begin
    perform lock_run_references('prompts', 'prompt_id', array[new.prompt_id]);
    perform lock_run_references('model_versions', 'model_id', array[new.model_id]);
    perform lock_run_references('dataset_imports', 'import_id', array_remove(array[new.import_id], null));
    return null;
end $$;

-- The referred side: a prompt, version or import that runs refer to is neither deleted nor given
-- another id. The check reads runs after the change with a snapshot that sees every run committed
-- before it: a read-committed statement's (the application deletes none of these rows).
create or replace function runs_referred_removed() returns trigger language plpgsql as $$
declare
    col text := tg_argv[0];
    key bigint;
begin
    if tg_level = 'ROW' then
        execute format('select $1 where exists (select 1 from runs r where r.%I = $1)', col) using old.id into key;
    else
        execute format('select o.id from old_rows o where exists (select 1 from runs r where r.%I = o.id) limit 1', col)
           into key;
    end if;
    if key is not null then
        raise foreign_key_violation using
            message = format('update or delete on table "%s" violates foreign key constraint "runs_%s_fkey" on table "runs"',
                             tg_table_name, col),
            detail = format('Key (id)=(%s) is still referenced from table "runs".', key),
            constraint = format('runs_%s_fkey', col), table = tg_table_name;
    end if;
    return null;
end $$;

drop trigger if exists runs_references_added on runs;
create trigger runs_references_added after insert on runs
    referencing new table as added
    for each statement execute function runs_references_added();

drop trigger if exists runs_references_changed on runs;
create trigger runs_references_changed after update of prompt_id, model_id, import_id on runs
    for each row when (old.prompt_id is distinct from new.prompt_id or old.model_id is distinct from new.model_id
                       or old.import_id is distinct from new.import_id)
    execute function runs_references_changed();

drop trigger if exists prompts_referred_by_runs on prompts;
create trigger prompts_referred_by_runs after delete on prompts
    referencing old table as old_rows
    for each statement execute function runs_referred_removed('prompt_id');
drop trigger if exists prompts_renumbered_under_runs on prompts;
create trigger prompts_renumbered_under_runs after update of id on prompts
    for each row when (old.id <> new.id) execute function runs_referred_removed('prompt_id');

drop trigger if exists model_versions_referred_by_runs on model_versions;
create trigger model_versions_referred_by_runs after delete on model_versions
    referencing old table as old_rows
    for each statement execute function runs_referred_removed('model_id');
drop trigger if exists model_versions_renumbered_under_runs on model_versions;
create trigger model_versions_renumbered_under_runs after update of id on model_versions
    for each row when (old.id <> new.id) execute function runs_referred_removed('model_id');

drop trigger if exists dataset_imports_referred_by_runs on dataset_imports;
create trigger dataset_imports_referred_by_runs after delete on dataset_imports
    referencing old table as old_rows
    for each statement execute function runs_referred_removed('import_id');
drop trigger if exists dataset_imports_renumbered_under_runs on dataset_imports;
create trigger dataset_imports_renumbered_under_runs after update of id on dataset_imports
    for each row when (old.id <> new.id) execute function runs_referred_removed('import_id');
