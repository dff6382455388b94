-- Each module's tables are its own; what other modules' SQL may read of them is a published,
-- read-only view (docs/architecture.md "SQL across modules"). Plain views: PostgreSQL inlines them
-- into the query that names them, so a join through a view plans as the join on the table did.
-- Writes stay with the owning module (its Java API). A migration that changes a published column
-- drops and re-creates the view; adding a column to a view is "create or replace view".

-- catalog: the model versions and their prices
create view catalog_models as
select id, model_key, family, provider, api_model, settings, simulated, active, samples
  from model_versions;

create view catalog_prices as
select model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok,
       tier_above_input_tokens, tier_input_per_mtok, tier_cached_input_per_mtok, tier_output_per_mtok
  from model_prices;

-- prompts: what running, grading and the figures need of a prompt (never its author)
create view prompt_facts as
select id, title, text, category, difficulty, grader, status
  from prompts;

-- runs: the finished runs with their usage, cost and grade (analytics, vocabularies, exports).
-- The queue's columns (leases, due times, idempotency keys) stay private to runs.
create view run_results as
select id, plan_id, prompt_id, model_id, setting, sample, status, dataset, simulated,
       input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, latency_ms,
       cost_usd, billed_cost_usd, finish_reason, extracted_answer, voting_key, score, finished_at
  from runs
 where status in ('SUCCEEDED', 'FAILED');
