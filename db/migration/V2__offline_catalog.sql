-- The two offline providers, so a fresh instance works with no key and no network.

-- OpenAI's encodings, counted locally (jtokkit): real input-token counts, no generation.
insert into model_versions (model_key, family, provider, api_model, settings, simulated, samples)
values ('tokenizer/r50k_base', 'openai-encodings', 'tokenizer', 'r50k_base', array['default'], false, 1);
insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, simulated, samples)
select 'tokenizer/p50k_base', 'openai-encodings', id, 'tokenizer', 'p50k_base', array['default'], false, 1
  from model_versions where model_key = 'tokenizer/r50k_base';
insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, simulated, samples)
select 'tokenizer/cl100k_base', 'openai-encodings', id, 'tokenizer', 'cl100k_base', array['default'], false, 1
  from model_versions where model_key = 'tokenizer/p50k_base';
insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, simulated, samples)
select 'tokenizer/o200k_base', 'openai-encodings', id, 'tokenizer', 'o200k_base', array['default'], false, 1
  from model_versions where model_key = 'tokenizer/cl100k_base';

-- Simulated versions (labelled simulated everywhere): a productive sweep, its verbose successor,
-- an overthinker and a flat one. Prices are invented so that cost figures have something to show.
insert into model_versions (model_key, family, provider, api_model, settings, simulated, samples)
values ('simulator/sim-alpha-1', 'sim-alpha', 'simulator', 'sim-alpha-1',
        array['default', 'thinking:1024', 'thinking:4096', 'thinking:16384'], true, 3);
insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, simulated, samples)
select 'simulator/sim-alpha-2', 'sim-alpha', id, 'simulator', 'sim-alpha-2',
       array['default', 'thinking:1024', 'thinking:4096', 'thinking:16384'], true, 3
  from model_versions where model_key = 'simulator/sim-alpha-1';
insert into model_versions (model_key, family, provider, api_model, settings, simulated, samples)
values ('simulator/sim-ponder-1', 'sim-ponder', 'simulator', 'sim-ponder-1',
        array['thinking:1024', 'thinking:2048', 'thinking:4096', 'thinking:8192', 'thinking:16384'], true, 3);
insert into model_versions (model_key, family, provider, api_model, settings, simulated, samples)
values ('simulator/sim-steady-1', 'sim-steady', 'simulator', 'sim-steady-1',
        array['default', 'effort:low', 'effort:medium', 'effort:high'], true, 3);

insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok)
select id, date '2000-01-01', 0, 0, 0 from model_versions where provider = 'tokenizer';
insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok)
select id, date '2000-01-01', 3.00, 0.30, 15.00 from model_versions where provider = 'simulator';
