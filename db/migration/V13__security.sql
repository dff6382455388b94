-- Security (issues 12 and 9): sessions that follow their account, stored voting keys, sign-in
-- throttling, client rate limits, token expiry, one open report per member and prompt.

-- Bumped when an admin ends an account's sessions; a session remembers the epoch it began in.
alter table accounts add column session_epoch integer not null default 0;

-- The majority@k voting key, written when a run is graded (so no figure evaluates a grading rule).
-- null: not computed yet (rows graded before V13 fall back to their plain extracted answer);
-- '': the answer abstains.
alter table runs add column voting_key varchar(2000);

-- Failed sign-ins per subject ('account:<lower name>' or 'client:<address>'), shared by every instance.
create table sign_in_failures (
    subject          varchar(200) primary key,
    failures         integer      not null,
    first_failed_at  timestamptz  not null,
    last_failed_at   timestamptz  not null,
    locked_until     timestamptz
);

-- Acts limited per client address (sign-up, ...), counted in the database for every instance.
create table client_actions (
    id      bigint generated always as identity primary key,
    action  varchar(40)  not null,
    client  varchar(100) not null,
    at      timestamptz  not null default now()
);
create index client_actions_idx on client_actions (action, client, at);

-- Tokens expire; older tokens get the default lifetime from now.
alter table api_tokens add column expires_at timestamptz;
update api_tokens set expires_at = now() + interval '90 days';
alter table api_tokens alter column expires_at set not null;

-- One open report per member and prompt (older duplicates of a flood are closed as dismissed).
update prompt_reports r set status = 'DISMISSED', resolved_at = now()
 where r.status = 'OPEN'
   and exists (select 1 from prompt_reports o where o.status = 'OPEN' and o.prompt_id = r.prompt_id
                  and o.reporter_id = r.reporter_id and o.id < r.id);
create unique index prompt_reports_one_open_uq on prompt_reports (prompt_id, reporter_id) where status = 'OPEN';

create index audit_log_action_idx on audit_log (action, id desc);
