-- Failed sign-ins are also counted per (account, client address): that subject is longer.
alter table sign_in_failures alter column subject type varchar(300);

-- When admins were last told that an account is under attack (at most once a window).
alter table sign_in_failures add column alerted_at timestamptz;

-- The client addresses an account signed in from with its password: such a known client
-- signs in even while guesses from elsewhere hold the account's own count at its ceiling.
create table sign_in_clients (
    account_id    bigint       not null references accounts (id) on delete cascade,
    client        varchar(100) not null,
    signed_in_at  timestamptz  not null,
    primary key (account_id, client)
);
