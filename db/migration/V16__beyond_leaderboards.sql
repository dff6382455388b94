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
