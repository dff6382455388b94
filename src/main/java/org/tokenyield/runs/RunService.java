package org.tokenyield.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.Setting;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class RunService {

	private static final String SELECT = """
			select r.id, r.prompt_id, m.model_key, r.setting, r.sample, r.status, r.attempts, r.input_tokens,
			       r.cached_input_tokens, r.output_tokens, r.reasoning_tokens, r.latency_ms, r.cost_usd, r.finish_reason,
			       r.answer, r.extracted_answer, r.score, r.error, r.simulated, r.dataset, r.plan_id, r.finished_at
			  from runs r join model_versions m on m.id = r.model_id
			""";

	private final JdbcClient jdbc;

	private final RunQueue queue;

	private final CatalogService catalog;

	private final PromptService prompts;

	RunService(JdbcClient jdbc, RunQueue queue, CatalogService catalog, PromptService prompts) {
		this.jdbc = jdbc;
		this.queue = queue;
		this.catalog = catalog;
		this.prompts = prompts;
	}

	public record RunFilter(String model, Long prompt, RunStatus status, Long plan, boolean includeSimulated) {
	}

	public record Page<T>(List<T> items, int page, int size, long total) {
	}

	@Transactional(readOnly = true)
	public Page<RunView> list(RunFilter filter, int page, int size) {
		StringBuilder where = new StringBuilder(" where true");
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
		if (!filter.includeSimulated()) {
			where.append(" and not r.simulated");
		}
		long total = this.jdbc.sql("select count(*) from runs r join model_versions m on m.id = r.model_id" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<RunView> items = this.jdbc.sql(SELECT + where + " order by r.id desc limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(RunService::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	@Transactional(readOnly = true)
	public Optional<RunView> find(long id) {
		return this.jdbc.sql(SELECT + " where r.id = ?").param(id).query(RunService::map).optional();
	}

	/** A maintainer's plan: versions × prompts × settings × samples. */
	public record PlanRequest(List<String> models, List<Long> prompts, boolean allApproved, List<String> settings,
			Integer samples) {
	}

	public record PlanCreated(long id, int runsQueued) {
	}

	@Transactional
	public PlanCreated plan(PlanRequest request, AccountView by) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<Long> modelIds = new ArrayList<>();
		for (int i = 0; i < request.models().size(); i++) {
			String key = request.models().get(i);
			Optional<ModelVersion> model = this.catalog.find(key);
			if (model.isEmpty()) {
				errors.put("models[" + i + "]", "'" + key + "' is not a known model version");
			}
			else if (!model.get().schedulable()) {
				errors.put("models[" + i + "]", "'" + key + "' is inactive or external (import-only)");
			}
			else {
				modelIds.add(model.get().id());
			}
		}
		List<String> settings = request.settings() == null ? List.of() : request.settings();
		for (int i = 0; i < settings.size(); i++) {
			if (!Setting.valid(settings.get(i))) {
				errors.put("settings[" + i + "]", "is not " + Setting.DESCRIPTION);
			}
		}
		if (request.samples() != null && (request.samples() < 1 || request.samples() > 64)) {
			errors.put("samples", "must be between 1 and 64");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The plan is invalid: " + errors, errors);
		}
		List<Long> promptIds = request.allApproved() ? this.prompts.approvedIds() : request.prompts();
		long planId = this.queue.newPlan(PlanTrigger.MANUAL,
				"Plan by " + by.username() + ": " + String.join(", ", request.models()), by.id());
		int queued = this.queue.enqueue(planId, "plan:" + planId, promptIds, modelIds, settings, request.samples());
		return new PlanCreated(planId, queued);
	}

	public record PlanProgress(long id, String trigger, String description, int runsQueued, long queued, long running,
			long succeeded, long failed, java.time.Instant createdAt) {
	}

	@Transactional(readOnly = true)
	public PlanProgress progress(long planId) {
		return this.jdbc.sql("""
				select p.id, p.trigger, p.description, p.runs_queued,
				       count(*) filter (where r.status = 'QUEUED'), count(*) filter (where r.status = 'RUNNING'),
				       count(*) filter (where r.status = 'SUCCEEDED'), count(*) filter (where r.status = 'FAILED'), p.created_at
				  from run_plans p left join runs r on r.plan_id = p.id
				 where p.id = ? group by p.id""")
			.param(planId)
			.query((rs, i) -> new PlanProgress(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getTimestamp(9).toInstant()))
			.optional()
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
	}

	public record QueueTotals(long queued, long running, long succeeded, long failed) {
	}

	@Transactional(readOnly = true)
	public QueueTotals totals() {
		return this.jdbc.sql("""
				select count(*) filter (where status = 'QUEUED'), count(*) filter (where status = 'RUNNING'),
				       count(*) filter (where status = 'SUCCEEDED'), count(*) filter (where status = 'FAILED') from runs""")
			.query((rs, i) -> new QueueTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	static RunView map(ResultSet rs, int row) throws SQLException {
		return new RunView(rs.getLong("id"), rs.getLong("prompt_id"), rs.getString("model_key"), rs.getString("setting"),
				rs.getInt("sample"), RunStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
				(Long) rs.getObject("input_tokens"), (Long) rs.getObject("cached_input_tokens"),
				(Long) rs.getObject("output_tokens"), (Long) rs.getObject("reasoning_tokens"),
				(Long) rs.getObject("latency_ms"), rs.getBigDecimal("cost_usd"), rs.getString("finish_reason"),
				rs.getString("answer"), rs.getString("extracted_answer"), (Double) rs.getObject("score"),
				rs.getString("error"), rs.getBoolean("simulated"), rs.getString("dataset"), (Long) rs.getObject("plan_id"),
				rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant());
	}

}
