-- accounts: what other modules' SQL may read of an account (docs/architecture.md "SQL across
-- modules"): its name, for the audit log's actor. Never its email, password hash or role.
create view account_names as
select id, username
  from accounts;
