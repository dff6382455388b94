-- Issue 11 (items 2, 4, 5, 6): open vocabularies of other families, dated exports, change alerts.

-- Real tokenizers of other families, counted offline (docs/tokenizers.md: sources, licences).
-- Each is a family of its own with no predecessor: drift across families is shown on /compare,
-- not as a version's successor drift.
insert into model_versions (model_key, family, provider, api_model, settings, simulated, samples)
values ('tokenizer/llama3', 'llama3-vocabulary', 'tokenizer', 'llama3', array['default'], false, 1),
       ('tokenizer/qwen3', 'qwen-vocabulary', 'tokenizer', 'qwen3', array['default'], false, 1),
       ('tokenizer/claude2', 'claude-vocabulary', 'tokenizer', 'claude2', array['default'], false, 1);
insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok)
select id, date '2000-01-01', 0, 0, 0 from model_versions
 where model_key in ('tokenizer/llama3', 'tokenizer/qwen3', 'tokenizer/claude2');

-- Dated, immutable exports (docs/exports.md). One snapshot per UTC day, its files stored here so
-- that every instance of a multi-instance deployment serves the same bytes forever.
create table export_snapshots (
    snapshot_date   date         primary key,
    -- runs finished strictly before this instant are in the snapshot (the next day's midnight, UTC)
    cutoff          timestamptz  not null,
    runs            int          not null check (runs >= 0),
    demo            boolean      not null,
    manifest_sha256 char(64)     not null,
    created_at      timestamptz  not null default now()
);
create table export_files (
    snapshot_date   date         not null references export_snapshots (snapshot_date),
    name            varchar(40)  not null,
    content_type    varchar(80)  not null,
    bytes           bigint       not null check (bytes >= 0),
    sha256          char(64)     not null,
    -- gzip of the file; the SHA-256 is of the file itself
    content_gzip    bytea        not null,
    primary key (snapshot_date, name)
);
create function refuse_export_change() returns trigger language plpgsql as $$
begin
    raise exception 'exports are immutable: % on % refused', tg_op, tg_table_name;
end $$;
create trigger export_snapshots_immutable before update or delete on export_snapshots
    for each row execute function refuse_export_change();
create trigger export_files_immutable before update or delete on export_files
    for each row execute function refuse_export_change();

-- Change alerts (docs/alerts.md): the entries of /feed.atom, and what the watcher last saw.
create table alert_events (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz  not null default now(),
    kind        varchar(32)  not null check (kind in ('version_added', 'verdict_changed', 'setting_ignored', 'drift_over_time')),
    model_key   varchar(160) not null,
    simulated   boolean      not null default false,
    title       varchar(300) not null,
    summary     varchar(2000) not null,
    -- one entry per distinct change, also when several instances watch at once
    dedupe_key  varchar(400) not null unique
);
create index alert_events_model on alert_events (model_key, id desc);
create table alert_state (
    subject     varchar(400) primary key,
    value       varchar(200) not null,
    updated_at  timestamptz  not null default now()
);
insert into alert_events (occurred_at, kind, model_key, simulated, title, summary, dedupe_key)
select created_at, 'version_added', model_key, simulated, 'New version ' || model_key,
       'Version ' || model_key || ' (family ' || family || ') was added to the catalog.',
       'version_added:' || model_key
  from model_versions;

-- Webhooks configured by admins; deliveries form an outbox worked by a background dispatcher.
create table webhooks (
    id          bigint generated always as identity primary key,
    url         varchar(500) not null check (url ~ '^https?://'),
    secret      varchar(200) not null,
    active      boolean      not null default true,
    created_at  timestamptz  not null default now()
);
create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    webhook_id      bigint       not null references webhooks (id) on delete cascade,
    alert_id        bigint       not null references alert_events (id),
    status          varchar(16)  not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_status     int,
    last_error      varchar(500),
    delivered_at    timestamptz,
    unique (webhook_id, alert_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'PENDING';
