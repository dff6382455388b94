-- Run queue v2: per-provider claims, the judge's own queue, recurring re-runs.

-- The judge grades asynchronously: a run whose rule is a judge rule waits with judge_due_at set
-- until the judge worker claims it (the claim pushes judge_due_at forward as a lease).
alter table runs add column judge_due_at timestamptz;
alter table runs add column judge_attempts int not null default 0 check (judge_attempts >= 0);
alter table runs add column judge_model_id bigint references model_versions (id);
create index runs_judge_due_idx on runs (judge_due_at) where judge_due_at is not null;
-- running runs per provider (the claim counts them under a per-provider lock)
create index runs_running_model_idx on runs (model_id) where status = 'RUNNING';
-- today's spend per provider
create index runs_finished_at_idx on runs (finished_at) where cost_usd is not null;
-- recent errors per provider on the status page
create index run_attempts_finished_idx on run_attempts (finished_at desc) where outcome <> 'SUCCEEDED';

-- A recurring re-run of every approved prompt on one version, so drift over time has data.
-- period = days since 1970-01-01 divided by interval_days; each period queues one plan whose runs
-- are keyed schedule:<id>:<period>:..., so a second instance or a restart never queues it twice.
create table run_schedules (
    id             bigint generated always as identity primary key,
    model_id       bigint       not null references model_versions (id) on delete cascade,
    interval_days  int          not null check (interval_days between 1 and 366),
    settings       text[],
    samples        int          check (samples between 1 and 64),
    active         boolean      not null default true,
    last_period    bigint,
    last_plan_id   bigint       references run_plans (id),
    created_by     bigint       references accounts (id),
    created_at     timestamptz  not null default now()
);
create index run_schedules_model_idx on run_schedules (model_id);
