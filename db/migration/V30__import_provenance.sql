-- Where imported runs came from. Every import records the harness that wrote the file and its
-- version, the file's SHA-256, who imported it, and the source and licence it was given; its runs
-- point at the record, so a run bundle, a dataset page and an export name their origin. An
-- import that added no run (the same file again) leaves no record: its runs point at an earlier one.
create table dataset_imports (
    id               bigint generated always as identity primary key,
    dataset          varchar(64)  not null check (dataset ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    format           varchar(32)  not null,
    harness          varchar(40)  not null,
    harness_version  varchar(80),
    file_sha256      char(64),
    imported_by      varchar(64),
    source_url       varchar(500),
    licence          varchar(100),
    runs_added       int          not null default 0,
    runs_failed      int          not null default 0,
    imported_at      timestamptz  not null default now()
);
create index dataset_imports_dataset_idx on dataset_imports (dataset, id);

-- The provider's exact version string as the harness reported it (Inspect's output.model,
-- OpenAI Evals' data.model), apart from the catalog's version key.
alter table runs add column provider_model varchar(200);
alter table runs add column import_id bigint references dataset_imports (id);

-- Published by runs: the provenance exports and other modules may read.
create view import_provenance as
select id, dataset, format, harness, harness_version, file_sha256, imported_by, source_url, licence,
       runs_added, runs_failed, imported_at
  from dataset_imports;
