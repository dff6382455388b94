-- The per-(config, prompt) summary becomes a table kept current by the writes themselves, instead
-- of a materialized view refreshed over the whole history after every change (issue 7: at 1M runs
-- one refresh took ~15 s, and a running plan made one every few seconds).
--
-- * Rows cover every SUCCEEDED run, whatever its prompt's status: readers join prompts and keep
--   APPROVED ones, so approving, retiring or merging a prompt changes no summary row at all.
-- * Every statement on runs applies deltas: the runs that now count minus those that counted
--   before (its transition tables), one upsert per touched group. Deltas commute, so concurrent
--   writers of one group (workers finishing its samples at once, an import) never overwrite each
--   other. Minima and maxima grow by additions; a group that lost a counted token count
--   (deletion, merge, correction) re-reads them from its own runs (runs_config_idx).
-- * rebuild_config_prompt_stats() recomputes everything from runs: the repair command and the
--   tests' oracle.
-- Only statements that touch SUCCEEDED runs mark the figures stale; claims and leases do not.

drop trigger runs_mark_stale on runs;
drop materialized view config_prompt_stats;

create table config_prompt_stats (
    model_id        bigint           not null,
    setting         varchar(64)      not null,
    dataset         varchar(80)      not null,
    simulated       boolean          not null,
    prompt_id       bigint           not null,
    runs            bigint           not null,
    n_input         bigint           not null,
    sum_input       double precision not null,
    n_generated     bigint           not null,
    sum_generated   double precision not null,
    n_reasoning     bigint           not null,
    sum_reasoning   double precision not null,
    n_graded        bigint           not null,
    sum_score       double precision not null,
    correct         bigint           not null,
    cost_usd        double precision not null,
    sumsq_generated double precision not null,
    min_generated   double precision,
    max_generated   double precision,
    primary key (model_id, setting, dataset, simulated, prompt_id)
);

-- The summary computed from runs alone, in its columns: what the rebuild writes and what the
-- tests compare the trigger-kept table with.
create view config_prompt_stats_source as
select r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id,
       count(*)                                                as runs,
       count(r.input_tokens)                                   as n_input,
       coalesce(sum(r.input_tokens), 0)::double precision      as sum_input,
       count(r.output_tokens)                                  as n_generated,
       coalesce(sum(r.output_tokens), 0)::double precision     as sum_generated,
       count(r.reasoning_tokens)                               as n_reasoning,
       coalesce(sum(r.reasoning_tokens), 0)::double precision  as sum_reasoning,
       count(r.score)                                          as n_graded,
       coalesce(sum(r.score), 0)::double precision             as sum_score,
       count(*) filter (where r.score >= 0.5)                  as correct,
       coalesce(sum(r.cost_usd), 0)::double precision          as cost_usd,
       coalesce(sum(r.output_tokens::double precision * r.output_tokens), 0) as sumsq_generated,
       min(r.output_tokens)::double precision                  as min_generated,
       max(r.output_tokens)::double precision                  as max_generated
  from runs r
 where r.status = 'SUCCEEDED'
 group by r.model_id, r.setting, r.dataset, r.simulated, r.prompt_id;

create function rebuild_config_prompt_stats() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    lock table config_prompt_stats in exclusive mode;
    delete from config_prompt_stats;
    insert into config_prompt_stats select * from config_prompt_stats_source;
    get diagnostics n = row_count;
    update analytics_state set stale = true where id = 1;
    return n;
end $$;

select rebuild_config_prompt_stats();

-- One change of the summary: the runs that now count (added) and those that counted before
-- (removed), as (key, sign, values) rows. Sums and counts move by deltas, which commute: two
-- transactions finishing runs of the same group at once each add their own, under the row lock
-- of their upsert, and neither can overwrite the other. Minima and maxima only grow by additions;
-- a group that lost a counted run's token count has them re-read from its runs.
create type summary_change as (model_id bigint, setting varchar(64), dataset varchar(80), simulated boolean,
                               prompt_id bigint, sign int, input_tokens bigint, output_tokens bigint,
                               reasoning_tokens bigint, score double precision, cost_usd double precision,
                               run_id bigint);

create function apply_summary_changes(changes summary_change[]) returns void language plpgsql as $$
begin
    if changes is null or cardinality(changes) = 0 then
        return;
    end if;
    insert into config_prompt_stats
    select c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id,
           sum(c.sign), coalesce(sum(c.sign) filter (where c.input_tokens is not null), 0),
           coalesce(sum(c.sign * c.input_tokens), 0),
           coalesce(sum(c.sign) filter (where c.output_tokens is not null), 0),
           coalesce(sum(c.sign * c.output_tokens), 0),
           coalesce(sum(c.sign) filter (where c.reasoning_tokens is not null), 0),
           coalesce(sum(c.sign * c.reasoning_tokens), 0),
           coalesce(sum(c.sign) filter (where c.score is not null), 0),
           coalesce(sum(c.sign * c.score), 0),
           coalesce(sum(c.sign) filter (where c.score >= 0.5), 0),
           coalesce(sum(c.sign * c.cost_usd), 0),
           coalesce(sum(c.sign * c.output_tokens::double precision * c.output_tokens), 0),
           min(c.output_tokens) filter (where c.sign > 0), max(c.output_tokens) filter (where c.sign > 0)
      from unnest(changes) c
     group by c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id
     -- one order for every writer, so two writers touching the same groups cannot deadlock
     order by c.model_id, c.setting, c.dataset, c.simulated, c.prompt_id
    on conflict (model_id, setting, dataset, simulated, prompt_id) do update set
           runs = config_prompt_stats.runs + excluded.runs,
           n_input = config_prompt_stats.n_input + excluded.n_input,
           sum_input = config_prompt_stats.sum_input + excluded.sum_input,
           n_generated = config_prompt_stats.n_generated + excluded.n_generated,
           sum_generated = config_prompt_stats.sum_generated + excluded.sum_generated,
           n_reasoning = config_prompt_stats.n_reasoning + excluded.n_reasoning,
           sum_reasoning = config_prompt_stats.sum_reasoning + excluded.sum_reasoning,
           n_graded = config_prompt_stats.n_graded + excluded.n_graded,
           sum_score = config_prompt_stats.sum_score + excluded.sum_score,
           correct = config_prompt_stats.correct + excluded.correct,
           cost_usd = config_prompt_stats.cost_usd + excluded.cost_usd,
           sumsq_generated = config_prompt_stats.sumsq_generated + excluded.sumsq_generated,
           min_generated = least(config_prompt_stats.min_generated, excluded.min_generated),
           max_generated = greatest(config_prompt_stats.max_generated, excluded.max_generated);
    -- a removed token count that no added run of the same id and group brings back (deletion,
    -- merge, token correction): that group's extremes are read again from its runs
    update config_prompt_stats s
       set min_generated = x.lo, max_generated = x.hi
      from (select g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id,
                   (select min(r.output_tokens)::double precision from runs r
                     where r.model_id = g.model_id and r.setting = g.setting and r.prompt_id = g.prompt_id
                       and r.dataset = g.dataset and r.simulated = g.simulated and r.status = 'SUCCEEDED') as lo,
                   (select max(r.output_tokens)::double precision from runs r
                     where r.model_id = g.model_id and r.setting = g.setting and r.prompt_id = g.prompt_id
                       and r.dataset = g.dataset and r.simulated = g.simulated and r.status = 'SUCCEEDED') as hi
              from (select distinct o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id
                      from unnest(changes) o
                     where o.sign < 0 and o.output_tokens is not null
                       and not exists (select 1 from unnest(changes) n
                                        where n.sign > 0 and n.run_id = o.run_id and n.output_tokens = o.output_tokens
                                          and (n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id)
                                            = (o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id))) g) x
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id)
         = (x.model_id, x.setting, x.dataset, x.simulated, x.prompt_id);
    delete from config_prompt_stats s using (select distinct model_id, setting, dataset, simulated, prompt_id
                                              from unnest(changes) where sign < 0) g
     where (s.model_id, s.setting, s.dataset, s.simulated, s.prompt_id)
         = (g.model_id, g.setting, g.dataset, g.simulated, g.prompt_id)
       and s.runs <= 0;
    update analytics_state set stale = true where id = 1 and not stale;
end $$;

create function config_prompt_stats_insert() returns trigger language plpgsql as $$
begin
    perform apply_summary_changes((
        select array_agg(row(n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, 1, n.input_tokens,
                             n.output_tokens, n.reasoning_tokens, n.score, n.cost_usd, n.id)::summary_change)
          from added n where n.status = 'SUCCEEDED'));
    return null;
end $$;

-- Claims, leases and failures touch no SUCCEEDED run: the arrays are empty and nothing happens.
create function config_prompt_stats_update() returns trigger language plpgsql as $$
begin
    perform apply_summary_changes((
        select array_agg(c) from (
            select row(n.model_id, n.setting, n.dataset, n.simulated, n.prompt_id, 1, n.input_tokens,
                       n.output_tokens, n.reasoning_tokens, n.score, n.cost_usd, n.id)::summary_change c
              from new_rows n where n.status = 'SUCCEEDED'
            union all
            select row(o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, -1, o.input_tokens,
                       o.output_tokens, o.reasoning_tokens, o.score, o.cost_usd, o.id)::summary_change
              from old_rows o where o.status = 'SUCCEEDED') t));
    return null;
end $$;

create function config_prompt_stats_delete() returns trigger language plpgsql as $$
begin
    perform apply_summary_changes((
        select array_agg(row(o.model_id, o.setting, o.dataset, o.simulated, o.prompt_id, -1, o.input_tokens,
                             o.output_tokens, o.reasoning_tokens, o.score, o.cost_usd, o.id)::summary_change)
          from old_rows o where o.status = 'SUCCEEDED'));
    return null;
end $$;

create trigger runs_summary_insert after insert on runs
    referencing new table as added
    for each statement execute function config_prompt_stats_insert();
create trigger runs_summary_update after update on runs
    referencing old table as old_rows new table as new_rows
    for each statement execute function config_prompt_stats_update();
create trigger runs_summary_delete after delete on runs
    referencing old table as old_rows
    for each statement execute function config_prompt_stats_delete();

-- The figures' clock: every bump of refreshed_at is a new version of the summary, and what a
-- figure response calls its as_of.
update analytics_state set stale = true where id = 1;
