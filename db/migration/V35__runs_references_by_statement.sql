-- A run's prompt, version and import are checked once per statement, not once per row
-- (R__runs_references.sql, docs/architecture.md "References of runs"). PostgreSQL checks a foreign
-- key with a query of its own for each row it inserts: three per imported run, a third of the
-- database's time in a 10M-run import (docs/benchmark.md). The null-by-default references of runs
-- (plan_id, judge_model_id) keep their constraints: a null key costs no check.
alter table runs drop constraint runs_prompt_id_fkey;
alter table runs drop constraint runs_model_id_fkey;
alter table runs drop constraint runs_import_id_fkey;
