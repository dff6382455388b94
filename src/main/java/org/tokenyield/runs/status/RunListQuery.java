package org.tokenyield.runs.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.runs.RunService.Page;
import org.tokenyield.runs.RunService.PlanProgress;
import org.tokenyield.runs.RunService.QueueTotals;
import org.tokenyield.runs.RunService.RunFilter;
import org.tokenyield.runs.RunStatus;
import org.tokenyield.runs.RunView;
import org.tokenyield.runs.RunVisibility;
import org.tokenyield.runs.queue.UnfinishedRuns;
import org.tokenyield.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of runs and plans for the pages and the API: lists, one run, plan progress, queue
 * totals.
 */
@Component
public class RunListQuery {

	private static final String SELECT = """
			select r.id, r.prompt_id, m.model_key, r.setting, r.sample, r.status, r.attempts, r.input_tokens,
			       r.cached_input_tokens, r.output_tokens, r.reasoning_tokens, r.latency_ms, r.cost_usd, r.finish_reason,
			       r.answer, r.extracted_answer, r.score, r.error, r.simulated, r.dataset, r.plan_id, r.finished_at
			  from runs r join catalog_models m on m.id = r.model_id
			""";

	private final JdbcClient jdbc;

	RunListQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Page<RunView> list(RunFilter filter, RunVisibility.Reader reader, int page, int size) {
		StringBuilder where = new StringBuilder(" where true").append(reader.condition());
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.model() != null) {
			where.append(" and m.model_key = :model");
			params.put("model", filter.model());
		}
		if (filter.prompt() != null) {
			where.append(" and r.prompt_id = :prompt");
			params.put("prompt", filter.prompt());
		}
		if (filter.status() != null) {
			where.append(" and r.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.plan() != null) {
			where.append(" and r.plan_id = :plan");
			params.put("plan", filter.plan());
		}
		long total = this.jdbc.sql("select count(*) from runs r join catalog_models m on m.id = r.model_id" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<RunView> items = this.jdbc.sql(SELECT + where + " order by r.id desc limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(RunListQuery::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	public Optional<RunView> find(long id, RunVisibility.Reader reader) {
		return this.jdbc.sql(SELECT + " where r.id = ?" + reader.condition())
			.param(id)
			.query(RunListQuery::map)
			.optional();
	}

	public PlanProgress progress(long planId) {
		return this.jdbc
			.sql("""
					select p.id, p.trigger, p.description, p.runs_queued,
					       count(*) filter (where r.status = 'QUEUED'), count(*) filter (where r.status = 'RUNNING'),
					       count(*) filter (where r.status = 'SUCCEEDED'), count(*) filter (where r.status = 'FAILED'), p.created_at
					  from run_plans p left join runs r on r.plan_id = p.id
					 where p.id = ? group by p.id""")
			.param(planId)
			.query(RunListQuery::progress)
			.optional()
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
	}

	public List<PlanProgress> recentPlans(int limit) {
		return this.jdbc
			.sql("""
					select p.id, p.trigger, p.description, p.runs_queued,
					       count(r.id) filter (where r.status = 'QUEUED'), count(r.id) filter (where r.status = 'RUNNING'),
					       count(r.id) filter (where r.status = 'SUCCEEDED'), count(r.id) filter (where r.status = 'FAILED'), p.created_at
					  from (select * from run_plans order by id desc limit ?) p left join runs r on r.plan_id = p.id
					 group by p.id, p.trigger, p.description, p.runs_queued, p.created_at order by p.id desc""")
			.param(limit)
			.query(RunListQuery::progress)
			.list();
	}

	/**
	 * The queue's runs by status: the runs of plans (imported runs never queue). Read
	 * through the partial index of plan runs, {@code runs_plan_idx}: counted over all of
	 * runs it was a full scan, about 1.5 s at 10M imported runs (docs/benchmark.md,
	 * session 18).
	 */
	public QueueTotals totals() {
		return this.jdbc.sql("""
				select count(*) filter (where status = 'QUEUED'), count(*) filter (where status = 'RUNNING'),
				       count(*) filter (where status = 'SUCCEEDED'), count(*) filter (where status = 'FAILED')
				  from runs where plan_id is not null""")
			.query((rs, i) -> new QueueTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	public long unfinishedRuns(Collection<String> providers) {
		return this.jdbc
			.sql("select count(*) from " + UnfinishedRuns.SQL
					+ " r join catalog_models m on m.id = r.model_id where m.provider in (:providers)")
			.param("providers", providers)
			.query(Long.class)
			.single();
	}

	private static PlanProgress progress(ResultSet rs, int row) throws SQLException {
		return new PlanProgress(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
				rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getTimestamp(9).toInstant());
	}

	static RunView map(ResultSet rs, int row) throws SQLException {
		return new RunView(rs.getLong("id"), rs.getLong("prompt_id"), rs.getString("model_key"),
				rs.getString("setting"), rs.getInt("sample"), RunStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), (Long) rs.getObject("input_tokens"), (Long) rs.getObject("cached_input_tokens"),
				(Long) rs.getObject("output_tokens"), (Long) rs.getObject("reasoning_tokens"),
				(Long) rs.getObject("latency_ms"), rs.getBigDecimal("cost_usd"), rs.getString("finish_reason"),
				rs.getString("answer"), rs.getString("extracted_answer"), (Double) rs.getObject("score"),
				rs.getString("error"), rs.getBoolean("simulated"), rs.getString("dataset"),
				(Long) rs.getObject("plan_id"),
				rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant());
	}

}
