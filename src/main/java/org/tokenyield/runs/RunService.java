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
import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.Setting;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.system.AuditLog;
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

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private final JdbcClient jdbc;

	private final RunQueue queue;

	private final CatalogService catalog;

	private final PromptService prompts;

	private final int maxOutputTokens;

	private final AuditLog audit;

	private final PlanConfirmation confirmation;

	RunService(JdbcClient jdbc, RunQueue queue, CatalogService catalog, PromptService prompts, AuditLog audit,
			RunsProperties properties, PlanConfirmation confirmation) {
		this.jdbc = jdbc;
		this.queue = queue;
		this.catalog = catalog;
		this.prompts = prompts;
		this.audit = audit;
		this.maxOutputTokens = properties.maxOutputTokens();
		this.confirmation = confirmation;
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

	private record ValidPlan(List<ModelVersion> models, List<String> settings, List<Long> promptIds) {
	}

	private ValidPlan validate(PlanRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<ModelVersion> models = new ArrayList<>();
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
				models.add(model.get());
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
		return new ValidPlan(models, settings, promptIds);
	}

	/**
	 * Queues an admin's plan, audited. A plan of more than {@code app.limits.plan-confirm-runs}
	 * runs, or whose worst case costs more than {@code app.limits.plan-confirm-usd}, is queued
	 * only when {@code confirmed}: one call must not spend a fortune by a slip.
	 */
	@Transactional
	public PlanCreated plan(PlanRequest request, AccountView by, boolean confirmed) {
		PlanEstimate estimate = estimate(request);
		if (!confirmed && this.confirmation.required(estimate.runs(), estimate.worstCaseCostUsd())) {
			throw new InvalidInputException("confirm", "is required: this plan queues " + estimate.runs()
					+ " runs costing up to $" + estimate.worstCaseCostUsd().setScale(2, java.math.RoundingMode.UP)
					+ ", above " + this.confirmation.planConfirmRuns() + " runs or $" + this.confirmation.planConfirmUsd()
					+ "; confirm to queue it");
		}
		ValidPlan plan = validate(request);
		long planId = this.queue.newPlan(PlanTrigger.MANUAL,
				"Plan by " + by.username() + ": " + String.join(", ", request.models()), by.id());
		int queued = this.queue.enqueue(planId, "plan:" + planId, plan.promptIds(),
				plan.models().stream().map(ModelVersion::id).toList(), plan.settings(), request.samples());
		this.audit.record(by.id(), "PLAN_CREATED", null, "plan #" + planId + ": " + queued + " runs of "
				+ String.join(", ", request.models()) + ", worst case $" + estimate.worstCaseCostUsd().setScale(2, java.math.RoundingMode.UP));
		return new PlanCreated(planId, queued);
	}

	/**
	 * A plan's cost before it is queued. {@code expected}: input at UTF-8 bytes / 4 tokens and
	 * output at the version's mean for the setting so far (the output cap when it has no
	 * history); {@code worst_case}: what the spend cap reserves per call (every byte a token,
	 * the full output cap). Prices are those in force today.
	 */
	public record PlanEstimate(long runs, long prompts, java.math.BigDecimal expectedCostUsd,
			java.math.BigDecimal worstCaseCostUsd, List<ModelEstimate> byModel) {
	}

	public record ModelEstimate(String model, String setting, long runs, Double meanOutputTokens,
			java.math.BigDecimal expectedCostUsd, java.math.BigDecimal worstCaseCostUsd) {
	}

	@Transactional(readOnly = true)
	public PlanEstimate estimate(PlanRequest request) {
		ValidPlan plan = validate(request);
		Long[] ids = plan.promptIds().toArray(Long[]::new);
		Map<String, Object> sizes = this.jdbc.sql("""
				select count(*) as n, coalesce(sum(octet_length(text)), 0) as bytes from prompts
				 where id = any(?) and status = 'APPROVED'""").param(ids).query().singleRow();
		long n = ((Number) sizes.get("n")).longValue();
		long bytes = ((Number) sizes.get("bytes")).longValue();
		java.math.BigDecimal million = java.math.BigDecimal.valueOf(1_000_000);
		java.math.BigDecimal expected = java.math.BigDecimal.ZERO;
		java.math.BigDecimal worst = java.math.BigDecimal.ZERO;
		long runs = 0;
		List<ModelEstimate> byModel = new ArrayList<>();
		for (ModelVersion m : plan.models()) {
			List<String> settings = plan.settings().isEmpty() ? m.settings() : plan.settings();
			int samples = request.samples() != null ? request.samples() : m.samples();
			for (String setting : settings) {
				long count = n * samples;
				long outCap = Setting.parse(setting).outputCap(this.maxOutputTokens);
				Double mean = this.jdbc.sql("""
						select avg(output_tokens) from runs where model_id = ? and setting = ? and status = 'SUCCEEDED'""")
					.params(m.id(), setting)
					.query(Double.class)
					.optional()
					.orElse(null);
				double out = mean == null ? outCap : mean;
				var p = m.prices();
				java.math.BigDecimal e = p.inputPerMtok()
					.multiply(java.math.BigDecimal.valueOf(bytes / 4.0))
					.add(p.outputPerMtok().multiply(java.math.BigDecimal.valueOf(out * n)))
					.multiply(java.math.BigDecimal.valueOf(samples))
					.divide(million, 6, java.math.RoundingMode.HALF_UP);
				// the worst case at the highest prices a call may be billed at (a long-prompt tier's)
				java.math.BigDecimal w = CostCalculator.highestInputPerMtok(p)
					.multiply(java.math.BigDecimal.valueOf(bytes + 64 * n))
					.add(CostCalculator.highestOutputPerMtok(p).multiply(java.math.BigDecimal.valueOf(outCap * n)))
					.multiply(java.math.BigDecimal.valueOf(samples))
					.divide(million, 6, java.math.RoundingMode.HALF_UP);
				byModel.add(new ModelEstimate(m.key(), setting, count, mean, e, w));
				expected = expected.add(e);
				worst = worst.add(w);
				runs += count;
			}
		}
		return new PlanEstimate(runs, n, expected, worst, byModel);
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

	@Transactional(readOnly = true)
	public List<PlanProgress> recentPlans(int limit) {
		return this.jdbc.sql("""
				select p.id, p.trigger, p.description, p.runs_queued,
				       count(r.id) filter (where r.status = 'QUEUED'), count(r.id) filter (where r.status = 'RUNNING'),
				       count(r.id) filter (where r.status = 'SUCCEEDED'), count(r.id) filter (where r.status = 'FAILED'), p.created_at
				  from (select * from run_plans order by id desc limit ?) p left join runs r on r.plan_id = p.id
				 group by p.id, p.trigger, p.description, p.runs_queued, p.created_at order by p.id desc""")
			.param(limit)
			.query((rs, i) -> new PlanProgress(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getTimestamp(9).toInstant()))
			.list();
	}

	/**
	 * One attempt of a run, as recorded: the provider's status and message, and what it was billed
	 * ({@code costUsd}, null when the provider reported no usage with it: not billed).
	 */
	public record AttemptView(int attempt, java.time.Instant startedAt, java.time.Instant finishedAt, Integer httpStatus,
			String outcome, String message, java.math.BigDecimal costUsd) {
	}

	/** The judge's grading of a run, apart from the model's tokens and cost. */
	public record JudgeView(String model, Long inputTokens, Long outputTokens, java.math.BigDecimal costUsd,
			java.time.Instant gradedAt, boolean pending) {
	}

	/**
	 * The reproduction bundle: the run, the request body sent, the raw response body and the
	 * rate-limit headers as received, and every attempt. Keys are never stored, so never shown.
	 */
	public record RunBundle(RunView run, String requestBody, String rawBody, Map<String, Object> headers,
			java.time.Instant receivedAt, List<AttemptView> attempts, JudgeView judge) {
	}

	@Transactional(readOnly = true)
	public Optional<RunBundle> bundle(long id) {
		return find(id).map(run -> {
			List<Map<String, Object>> rows = this.jdbc.sql("""
					select request_body, raw_body, headers::text as headers, received_at from run_responses where run_id = ?""")
				.param(id)
				.query()
				.listOfRows();
			Map<String, Object> headers = new LinkedHashMap<>();
			String request = null;
			String raw = null;
			java.time.Instant received = null;
			if (!rows.isEmpty()) {
				Map<String, Object> row = rows.get(0);
				request = (String) row.get("request_body");
				raw = (String) row.get("raw_body");
				received = ((java.sql.Timestamp) row.get("received_at")).toInstant();
				if (row.get("headers") != null) {
					Map<?, ?> all = JSON.readValue((String) row.get("headers"), Map.class);
					all.forEach((k, v) -> headers.put(String.valueOf(k), v));
				}
			}
			List<AttemptView> attempts = this.jdbc.sql("""
					select attempt, started_at, finished_at, http_status, outcome, message, cost_usd from run_attempts
					 where run_id = ? order by attempt""")
				.param(id)
				.query((rs, i) -> new AttemptView(rs.getInt(1), rs.getTimestamp(2).toInstant(),
						rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), (Integer) rs.getObject(4),
						rs.getString(5), rs.getString(6), rs.getBigDecimal(7)))
				.list();
			JudgeView judge = this.jdbc.sql("""
					select j.model_key, r.judge_input_tokens, r.judge_output_tokens, r.judge_cost_usd, r.graded_at,
					       r.judge_due_at is not null as pending
					  from runs r left join model_versions j on j.id = r.judge_model_id where r.id = ?""")
				.param(id)
				.query((rs, i) -> new JudgeView(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3),
						rs.getBigDecimal(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
						rs.getBoolean(6)))
				.single();
			return new RunBundle(run, request, raw, headers, received, attempts, judge);
		});
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

	/** Runs of the given providers still queued or running (the start-up wait for the offline runs). */
	@Transactional(readOnly = true)
	public long unfinishedRuns(java.util.Collection<String> providers) {
		return this.jdbc.sql("""
				select count(*) from runs r join model_versions m on m.id = r.model_id
				 where r.status in ('QUEUED', 'RUNNING') and m.provider in (:providers)""")
			.param("providers", providers)
			.query(Long.class)
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
