-- Token Yield schema. Forward only: every later change is a new migration.
-- Names follow METRICS.md / API.md; checks mirror the guarded transitions in the domain classes.

create table accounts (
    id             bigint generated always as identity primary key,
    username       varchar(40)  not null,
    email          varchar(254) not null,
    password_hash  varchar(255) not null,
    role           varchar(16)  not null default 'MEMBER' check (role in ('MEMBER', 'MAINTAINER', 'ADMIN')),
    enabled        boolean      not null default true,
    created_at     timestamptz  not null default now(),
    constraint accounts_username_format check (username ~ '^[A-Za-z0-9_.-]{3,40}$')
);
create unique index accounts_username_uq on accounts (lower(username));
create unique index accounts_email_uq on accounts (lower(email));

-- API tokens are stored as SHA-256 hashes; the clear token is shown once.
create table api_tokens (
    id           bigint generated always as identity primary key,
    account_id   bigint       not null references accounts (id) on delete cascade,
    name         varchar(80)  not null,
    token_hash   varchar(64)  not null unique,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz
);

create table prompts (
    id              bigint generated always as identity primary key,
    -- external key: starter prompts and imported prompts are addressed by it (unique when present)
    prompt_key      varchar(120) unique,
    title           varchar(200) not null,
    text            text         not null check (length(text) between 1 and 20000),
    -- sha-256 of the normalized text (case, white space and Unicode form folded): duplicate detection
    text_hash       varchar(64)  not null,
    category        varchar(32)  not null check (category ~ '^[a-z][a-z0-9-]{0,31}$'),
    -- the author's or a maintainer's label; the measured band is computed from runs (METRICS.md section 7)
    difficulty      varchar(8)   check (difficulty in ('easy', 'medium', 'hard')),
    -- the grading rule as JSON text (validated by the grading package; the check keeps it JSON with a type)
    grader          text         not null check ((grader::jsonb) ? 'type'),
    status          varchar(16)  not null default 'PENDING'
                    check (status in ('PENDING', 'APPROVED', 'REJECTED', 'RETIRED')),
    reject_reason   varchar(1000),
    author_id       bigint       references accounts (id),
    merged_into_id  bigint       references prompts (id),
    -- where the prompt came from: 'community', 'starter', or an import's dataset label
    source          varchar(64)  not null default 'community',
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    approved_at     timestamptz,
    version         bigint       not null default 0,
    constraint prompts_rejected_has_reason check (status <> 'REJECTED' or reject_reason is not null),
    constraint prompts_approved_has_time check (status <> 'APPROVED' or approved_at is not null)
);
-- one live prompt per normalized text: rejected and merged prompts do not block a resubmission
create unique index prompts_text_hash_live_uq on prompts (text_hash)
    where status in ('PENDING', 'APPROVED') and merged_into_id is null;
create index prompts_status_idx on prompts (status, created_at);
create index prompts_author_idx on prompts (author_id, created_at desc);

create table prompt_reports (
    id           bigint generated always as identity primary key,
    prompt_id    bigint        not null references prompts (id) on delete cascade,
    reporter_id  bigint        not null references accounts (id),
    reason       varchar(1000) not null,
    status       varchar(16)   not null default 'OPEN' check (status in ('OPEN', 'RESOLVED', 'DISMISSED')),
    created_at   timestamptz   not null default now(),
    resolved_by  bigint        references accounts (id),
    resolved_at  timestamptz
);
create index prompt_reports_open_idx on prompt_reports (status, created_at);

create table audit_log (
    id         bigint generated always as identity primary key,
    at         timestamptz  not null default now(),
    actor_id   bigint       references accounts (id),
    action     varchar(40)  not null,
    prompt_id  bigint       references prompts (id) on delete set null,
    detail     varchar(2000)
);
create index audit_log_at_idx on audit_log (at desc);

create table model_versions (
    id              bigint generated always as identity primary key,
    model_key       varchar(160) not null unique check (model_key ~ '^[a-z0-9][a-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.:-]*$'),
    family          varchar(80)  not null,
    predecessor_id  bigint       references model_versions (id),
    provider        varchar(40)  not null,
    api_model       varchar(120) not null,
    -- settings to sweep, the first one being the version's default for the leaderboard
    settings        text[]       not null default array['default'],
    simulated       boolean      not null default false,
    active          boolean      not null default true,
    samples         int          not null default 1 check (samples between 1 and 64),
    created_at      timestamptz  not null default now(),
    constraint model_versions_not_own_predecessor check (predecessor_id is null or predecessor_id <> id),
    constraint model_versions_settings_nonempty check (cardinality(settings) >= 1)
);

-- USD per million tokens, with the date they took effect; a run stamps the price in force.
create table model_prices (
    id                     bigint generated always as identity primary key,
    model_id               bigint        not null references model_versions (id) on delete cascade,
    effective_from         date          not null,
    input_per_mtok         numeric(12,6) not null check (input_per_mtok >= 0),
    cached_input_per_mtok  numeric(12,6) not null check (cached_input_per_mtok >= 0),
    output_per_mtok        numeric(12,6) not null check (output_per_mtok >= 0),
    unique (model_id, effective_from)
);

create table run_plans (
    id           bigint generated always as identity primary key,
    trigger      varchar(16)  not null check (trigger in ('APPROVAL', 'BACKFILL', 'SCHEDULE', 'MANUAL', 'STARTUP')),
    description  varchar(500) not null,
    created_by   bigint       references accounts (id),
    created_at   timestamptz  not null default now(),
    runs_queued  int          not null default 0
);

create table runs (
    id                   bigint generated always as identity primary key,
    -- makes queueing idempotent: the same trigger never queues (and so never pays for) a run twice
    idempotency_key      varchar(400) not null unique,
    plan_id              bigint       references run_plans (id),
    prompt_id            bigint       not null references prompts (id),
    model_id             bigint       not null references model_versions (id),
    setting              varchar(40)  not null check (setting ~ '^(default|off|thinking:[0-9]{1,7}|effort:[a-z]{1,16})$'),
    sample               int          not null check (sample >= 0),
    status               varchar(16)  not null default 'QUEUED'
                         check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts             int          not null default 0 check (attempts >= 0),
    next_attempt_at      timestamptz  not null default now(),
    lease_owner          varchar(80),
    lease_expires_at     timestamptz,
    -- 'live' for runs this instance made; an import's label otherwise
    dataset              varchar(64)  not null default 'live' check (dataset ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    simulated            boolean      not null default false,
    input_tokens         bigint       check (input_tokens >= 0),
    cached_input_tokens  bigint       check (cached_input_tokens >= 0),
    cache_write_tokens   bigint       check (cache_write_tokens >= 0),
    output_tokens        bigint       check (output_tokens >= 0),
    reasoning_tokens     bigint       check (reasoning_tokens >= 0),
    latency_ms           bigint       check (latency_ms >= 0),
    cost_usd             numeric(14,8) check (cost_usd >= 0),
    finish_reason        varchar(16)  check (finish_reason in ('stop', 'length', 'refusal', 'error')),
    answer               text,
    extracted_answer     varchar(2000),
    score                double precision check (score between 0 and 1),
    graded_at            timestamptz,
    judge_input_tokens   bigint,
    judge_output_tokens  bigint,
    judge_cost_usd       numeric(14,8),
    error                varchar(2000),
    created_at           timestamptz  not null default now(),
    started_at           timestamptz,
    finished_at          timestamptz,
    constraint runs_reasoning_within_output check (reasoning_tokens is null or output_tokens is null or reasoning_tokens <= output_tokens),
    constraint runs_cached_within_input check (cached_input_tokens is null or input_tokens is null or cached_input_tokens <= input_tokens),
    constraint runs_running_has_lease check (status <> 'RUNNING' or lease_expires_at is not null),
    constraint runs_finished_has_time check (status not in ('SUCCEEDED', 'FAILED') or finished_at is not null)
);
-- the worker's claim query: due queued runs, oldest first
create index runs_due_idx on runs (next_attempt_at, id) where status = 'QUEUED';
create index runs_expired_lease_idx on runs (lease_expires_at) where status = 'RUNNING';
create index runs_config_idx on runs (model_id, setting, prompt_id) where status = 'SUCCEEDED';
create index runs_prompt_idx on runs (prompt_id);
create index runs_plan_idx on runs (plan_id, status);

-- every attempt of a run, with the provider's status and message
create table run_attempts (
    id           bigint generated always as identity primary key,
    run_id       bigint       not null references runs (id) on delete cascade,
    attempt      int          not null,
    started_at   timestamptz  not null,
    finished_at  timestamptz,
    http_status  int,
    outcome      varchar(16)  not null check (outcome in ('SUCCEEDED', 'RETRYABLE', 'FINAL')),
    message      varchar(2000),
    unique (run_id, attempt)
);

-- the reproduction bundle: what was sent and what came back, stored before the run is marked done
create table run_responses (
    run_id        bigint      primary key references runs (id) on delete cascade,
    request_body  text,
    raw_body      text,
    headers       jsonb,
    received_at   timestamptz not null default now()
);

-- Per-config, per-prompt sums and counts (METRICS.md: per-prompt means, then macro averages).
-- Sums rather than means, so that datasets can be combined exactly. Every figure reads this
-- instead of scanning runs; a background job refreshes it when runs have changed.
create materialized view config_prompt_stats as
select r.model_id,
       r.setting,
       r.dataset,
       r.simulated,
       r.prompt_id,
       count(*)                                          as runs,
       count(r.input_tokens)                             as n_input,
       coalesce(sum(r.input_tokens), 0)::double precision    as sum_input,
       count(r.output_tokens)                            as n_generated,
       coalesce(sum(r.output_tokens), 0)::double precision   as sum_generated,
       count(r.reasoning_tokens)                         as n_reasoning,
       coalesce(sum(r.reasoning_tokens), 0)::double precision as sum_reasoning,
       count(r.score)                                    as n_graded,
       coalesce(sum(r.score), 0)                         as sum_score,
       count(*) filter (where r.score >= 0.5)            as correct,
       coalesce(sum(r.cost_usd), 0)::double precision    as cost_usd
  from runs r
  join prompts p on p.id = r.prompt_id
 where r.status = 'SUCCEEDED' and p.status = 'APPROVED'
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id;
create unique index config_prompt_stats_uq on config_prompt_stats (model_id, setting, dataset, simulated, prompt_id);

-- A statement-level trigger marks the summary stale; readers refresh it once before reading.
create table analytics_state (
    id         int primary key check (id = 1),
    stale      boolean     not null default true,
    refreshed_at timestamptz
);
insert into analytics_state (id, stale) values (1, true);

create function mark_analytics_stale() returns trigger language plpgsql as $$
begin
    update analytics_state set stale = true where id = 1 and not stale;
    return null;
end $$;
create trigger runs_mark_stale after insert or update or delete on runs
    for each statement execute function mark_analytics_stale();
create trigger prompts_mark_stale after update of status on prompts
    for each statement execute function mark_analytics_stale();
