-- Two indexes of runs that imported runs never need (issue 7: a 10M-run import maintained every
-- index of runs for every row, and each index grows with the history).
--
-- Today's spend counts this instance's own runs (dataset 'live', which an import may not use):
-- the old index held every run with a cost, imported or not, under a predicate (cost_usd is not
-- null) the spend query does not state, so the planner could not even use it for that query.
drop index runs_finished_at_idx;
create index runs_live_finished_idx on runs (finished_at) where dataset = 'live';

-- A plan's runs: imported runs belong to no plan, and every query of a plan's runs states
-- plan_id = ?, which implies the predicate.
drop index runs_plan_idx;
create index runs_plan_idx on runs (plan_id, status) where plan_id is not null;
