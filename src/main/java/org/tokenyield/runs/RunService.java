package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.runs.plans.PlanCreation;
import org.tokenyield.runs.status.RunBundleQuery;
import org.tokenyield.runs.status.RunListQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs module's API for pages, the JSON API and other modules: runs and plans as
 * records. Reads are {@link RunListQuery} and {@link RunBundleQuery}; plans are
 * {@link PlanCreation}'s.
 */
@Service
public class RunService {

	private final RunListQuery runs;

	private final RunBundleQuery bundles;

	private final PlanCreation plans;

	private final RunVisibility visibility;

	RunService(RunListQuery runs, RunBundleQuery bundles, PlanCreation plans, RunVisibility visibility) {
		this.runs = runs;
		this.bundles = bundles;
		this.plans = plans;
		this.visibility = visibility;
	}

	public record RunFilter(String model, Long prompt, RunStatus status, Long plan) {
	}

	public record Page<T>(List<T> items, int page, int size, long total) {
	}

	/** The runs this request's reader may see ({@link RunVisibility}), newest first. */
	@Transactional(readOnly = true)
	public Page<RunView> list(RunFilter filter, int page, int size) {
		return this.runs.list(filter, this.visibility.current(), page, size);
	}

	/** The run, if this request's reader may see it ({@link RunVisibility}). */
	@Transactional(readOnly = true)
	public Optional<RunView> find(long id) {
		return this.runs.find(id, this.visibility.current());
	}

	/** A maintainer's plan: versions × prompts × settings × samples. */
	public record PlanRequest(List<String> models, List<Long> prompts, boolean allApproved, List<String> settings,
			Integer samples) {
	}

	public record PlanCreated(long id, int runsQueued) {
	}

	/**
	 * Queues an admin's plan, audited. A plan of more than
	 * {@code app.limits.plan-confirm-runs} runs, or whose worst case costs more than
	 * {@code app.limits.plan-confirm-usd}, is queued only when {@code confirmed}: one
	 * call must not spend a fortune by a slip.
	 */
	@Transactional
	public PlanCreated plan(PlanRequest request, AccountView by, boolean confirmed) {
		return this.plans.plan(request, by, confirmed);
	}

	/**
	 * A plan's cost before it is queued. {@code expected}: input at UTF-8 bytes / 4
	 * tokens and output at the version's mean for the setting so far (the output cap when
	 * it has no history); {@code worst_case}: what the spend cap reserves per call (every
	 * byte a token, the full output cap). Prices are those in force today
	 * ({@link PlanEstimator}).
	 */
	public record PlanEstimate(long runs, long prompts, BigDecimal expectedCostUsd, BigDecimal worstCaseCostUsd,
			List<ModelEstimate> byModel) {
	}

	public record ModelEstimate(String model, String setting, long runs, Double meanOutputTokens,
			BigDecimal expectedCostUsd, BigDecimal worstCaseCostUsd) {
	}

	@Transactional(readOnly = true)
	public PlanEstimate estimate(PlanRequest request) {
		return this.plans.estimate(request);
	}

	public record PlanProgress(long id, String trigger, String description, int runsQueued, long queued, long running,
			long succeeded, long failed, Instant createdAt) {
	}

	@Transactional(readOnly = true)
	public PlanProgress progress(long planId) {
		return this.runs.progress(planId);
	}

	@Transactional(readOnly = true)
	public List<PlanProgress> recentPlans(int limit) {
		return this.runs.recentPlans(limit);
	}

	/**
	 * One attempt of a run, as recorded: the provider's status and message, and what it
	 * was billed ({@code costUsd}, null when the provider reported no usage with it: not
	 * billed).
	 */
	public record AttemptView(int attempt, Instant startedAt, Instant finishedAt, Integer httpStatus, String outcome,
			String message, BigDecimal costUsd) {
	}

	/** The judge's grading of a run, apart from the model's tokens and cost. */
	public record JudgeView(String model, Long inputTokens, Long outputTokens, BigDecimal costUsd, Instant gradedAt,
			boolean pending) {
	}

	/**
	 * The reproduction bundle: the run, the request body sent, the raw response body and
	 * the rate-limit headers as received, every attempt, and for an imported run where it
	 * came from. Keys are never stored, so never shown.
	 */
	public record RunBundle(RunView run, String requestBody, String rawBody, Map<String, Object> headers,
			Instant receivedAt, List<AttemptView> attempts, JudgeView judge, Provenance provenance) {
	}

	/**
	 * Where an imported run came from: the provider's exact version string the harness
	 * reported, and its import's record; null for this instance's own runs.
	 */
	public record Provenance(String providerModel, ImportedRuns.ImportRecord imported) {
	}

	/** The run's bundle, if this request's reader may see the run. */
	@Transactional(readOnly = true)
	public Optional<RunBundle> bundle(long id) {
		return find(id).map(this.bundles::bundle);
	}

	public record QueueTotals(long queued, long running, long succeeded, long failed) {
	}

	@Transactional(readOnly = true)
	public QueueTotals totals() {
		return this.runs.totals();
	}

	/**
	 * Runs of the given providers still queued or running (the start-up wait for the
	 * offline runs).
	 */
	@Transactional(readOnly = true)
	public long unfinishedRuns(Collection<String> providers) {
		return this.runs.unfinishedRuns(providers);
	}

}
