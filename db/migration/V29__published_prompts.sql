-- What readers may see of a prompt and its runs: a prompt is published once approved and stays
-- published when retired (its old results stay explainable); a prompt never approved (pending,
-- rejected, or retired or merged while pending) is not. prompt_facts carries the rule, so every
-- module's SQL asks the same column; Prompt.published() is its Java twin for the prompt pages.
-- (The figures and exports keep counting APPROVED prompts only: a retired prompt left the
-- benchmark.)
create or replace view prompt_facts as
select id, title, text, category, difficulty, grader, status,
       status in ('APPROVED', 'RETIRED') and approved_at is not null as published
  from prompts;
