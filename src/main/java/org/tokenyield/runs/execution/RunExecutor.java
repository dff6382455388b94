package org.tokenyield.runs.execution;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.grading.Grade;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.grading.GradingRules;
import org.tokenyield.grading.JudgeRule;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.Usage;
import org.tokenyield.runs.JudgeProperties;
import org.tokenyield.runs.RunsProperties;
import org.tokenyield.runs.judge.Regrader;
import org.tokenyield.runs.queue.RunMetrics;
import org.tokenyield.runs.queue.RunQueue.Claimed;
import org.tokenyield.runs.execution.RunRecorder.StoredReply;
import org.tokenyield.system.Setting;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Executes one claimed run: call (unless a reply is already stored), store, grade,
 * finish.
 */
@Component
public class RunExecutor {

	private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

	private final CatalogService catalog;

	private final RunRecorder recorder;

	private final Clock clock;

	private final RetryPolicy retries;

	private final int maxOutputTokens;

	private final boolean judgeConfigured;

	private final JsonMapper json;

	private final RunMetrics metrics;

	RunExecutor(CatalogService catalog, RunRecorder recorder, Clock clock, JsonMapper json, RunMetrics metrics,
			RunsProperties properties, JudgeProperties judge) {
		this.catalog = catalog;
		this.json = json;
		this.metrics = metrics;
		this.recorder = recorder;
		this.clock = clock;
		this.retries = new RetryPolicy(properties.maxAttempts(), properties.backoffBase());
		this.maxOutputTokens = properties.maxOutputTokens();
		this.judgeConfigured = judge.configured();
	}

	public int maxOutputTokens() {
		return this.maxOutputTokens;
	}

	/**
	 * What one execution did, for the provider's limits.
	 *
	 * @param called whether the provider was called (false: reply already stored, or no
	 * provider)
	 * @param providerFailure a retryable failure (429, 5xx, timeout): counts against the
	 * breaker
	 * @param tokensUsed input + output tokens of the call, to give the unused estimate
	 * back
	 */
	public record Outcome(boolean called, boolean providerFailure, long tokensUsed) {

		static final Outcome NO_CALL = new Outcome(false, false, 0);

	}

	/**
	 * @param callEnded run as soon as the provider call returned or failed (or when there
	 * is no call): the worker frees the run's concurrency slot there, so that writing the
	 * result does not hold a slot that the next call could use
	 */
	public Outcome execute(Claimed run, Runnable callEnded) {
		Instant started = this.clock.instant();
		boolean called = false;
		try {
			ModelVersion model = model(run.modelId());
			RunPrompt prompt = prompt(run);
			GradingRule rule = prompt.rule();
			// a first attempt cannot find a stored reply: replies are only stored during
			// an attempt
			Optional<StoredReply> stored = run.attempts() > 1 ? this.recorder.storedReply(run.id()) : Optional.empty();
			StoredReply reply;
			if (stored.isEmpty()) {
				ModelProvider provider = this.catalog.provider(model.provider()).orElse(null);
				if (provider == null || !provider.configured()) {
					this.recorder.fail(run.id(), run.attempts(), started, 0,
							"Provider '" + model.provider() + "' is not configured on this instance");
					return Outcome.NO_CALL;
				}
				ProviderRequest request = new ProviderRequest(model.apiModel(), run.setting(), prompt.text(),
						Setting.parse(run.setting()).outputCap(this.maxOutputTokens),
						new ProviderRequest.SimulationHint(run.promptId(), Grading.canonicalAnswer(rule).orElse(null),
								prompt.difficulty(), run.sample()));
				called = true;
				ProviderReply answer;
				try {
					answer = provider.complete(request);
				}
				finally {
					callEnded.run();
				}
				reply = new StoredReply(answer.text(), answer.usage(), answer.finishReason(), answer.latencyMs());
				try {
					// reply and result in one transaction: one commit per run instead of
					// two
					Result result = result(model, rule, reply);
					this.recorder.storeReplyAndSucceed(run.id(), answer, run.attempts(), started, reply, result.cost(),
							result.billedCost(), result.score(), result.extracted(), result.votingKey(),
							result.gradingError(), result.judgeDue());
					this.metrics.called(model, answer, result.billedCost());
				}
				catch (RuntimeException ex) {
					// never lose a paid reply: store it alone, so a later attempt
					// finishes from it
					try {
						this.recorder.storeReply(run.id(), answer);
					}
					catch (RuntimeException again) {
						ex.addSuppressed(again);
					}
					throw ex;
				}
			}
			else {
				reply = stored.get();
				Result result = result(model, rule, reply);
				this.recorder.succeed(run.id(), run.attempts(), started, reply, result.cost(), result.billedCost(),
						result.score(), result.extracted(), result.votingKey(), result.gradingError(),
						result.judgeDue());
			}
			long used = reply.usage().inputTokens()
					+ (reply.usage().outputTokens() == null ? 0 : reply.usage().outputTokens());
			return called ? new Outcome(true, false, used) : Outcome.NO_CALL;
		}
		catch (ProviderException ex) {
			if (called) {
				this.metrics.failed(model(run.modelId()), ex.retryable(),
						this.retries.retries(ex.retryable(), run.attempts()));
			}
			handleFailure(run, started, ex, called ? model(run.modelId()) : null);
			return new Outcome(called, ex.retryable(), 0);
		}
		catch (RuntimeException ex) {
			log.warn("Run {} failed unexpectedly", run.id(), ex);
			this.recorder.fail(run.id(), run.attempts(), started, 0, "Internal error: " + ex.getMessage());
			return new Outcome(called, false, 0);
		}
	}

	/**
	 * Model versions read at most once a second per version (the queue's hot path reads
	 * one per run).
	 */
	private static final long MODEL_TTL_NANOS = 1_000_000_000L;

	private record CachedModel(ModelVersion model, long readAt) {
	}

	private final Map<Long, CachedModel> models = new ConcurrentHashMap<>();

	private ModelVersion model(long id) {
		long now = System.nanoTime();
		CachedModel cached = this.models.get(id);
		if (cached != null && now - cached.readAt() < MODEL_TTL_NANOS) {
			return cached.model();
		}
		ModelVersion model = this.catalog.find(id).orElseThrow();
		this.models.put(id, new CachedModel(model, now));
		return model;
	}

	/** What a run needs of its prompt (read by the claim, the queue's hot path). */
	record RunPrompt(String text, String difficulty, GradingRule rule) {
	}

	private RunPrompt prompt(Claimed run) {
		return new RunPrompt(run.prompt().text(), run.prompt().difficulty(),
				GradingRules.parse(this.json.readValue(run.prompt().grader(), Map.class)));
	}

	/**
	 * What a finished run records: its list and billed cost (CostCalculator) and grade
	 * (or why it is graded later, or not at all).
	 */
	private record Result(BigDecimal cost, BigDecimal billedCost, Double score, String extracted, String votingKey,
			String gradingError, boolean judgeDue) {
	}

	private Result result(ModelVersion model, GradingRule rule, StoredReply reply) {
		CostCalculator.Tokens tokens = tokens(reply.usage());
		BigDecimal cost = CostCalculator.listCost(model.prices(), tokens);
		BigDecimal billedCost = CostCalculator.billedCost(model.prices(), tokens);
		Double score = null;
		String extracted = null;
		String votingKey = null;
		String gradingError = null;
		boolean generates = this.catalog.provider(model.provider()).map(ModelProvider::generates).orElse(true);
		boolean judgeDue = generates && reply.text() != null && JudgeRule.TYPE.equals(rule.type());
		if (judgeDue) {
			// graded apart by the judge worker (its tokens and cost never count as the
			// model's)
			gradingError = this.judgeConfigured ? null : Regrader.NO_JUDGE;
		}
		else if (generates && reply.text() != null) {
			try {
				Grade grade = Grading.grade(rule, reply.text());
				score = grade.score();
				extracted = grade.extractedAnswer();
				votingKey = Grading.votingKey(rule, extracted);
			}
			catch (RuntimeException ex) {
				gradingError = "Grading failed: " + ex.getMessage();
			}
		}
		return new Result(cost, billedCost, score, extracted, votingKey, gradingError, judgeDue);
	}

	static CostCalculator.Tokens tokens(Usage usage) {
		return new CostCalculator.Tokens(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(),
				usage.cacheWriteTokens());
	}

	/**
	 * @param model the version called, or null when no call was made (then nothing was
	 * billed)
	 */
	private void handleFailure(Claimed run, Instant started, ProviderException ex, ModelVersion model) {
		// billed only when the provider reported usage with the failure (CostCalculator)
		Usage usage = model == null ? null : ex.billedUsage();
		RunRecorder.Billed billed = usage == null ? null
				: new RunRecorder.Billed(usage, CostCalculator.attemptCost(model.prices(), tokens(usage)));
		if (this.retries.retries(ex.retryable(), run.attempts())) {
			Duration delay = this.retries.delay(run.attempts(), ex.retryAfter());
			this.recorder.retryLater(run.id(), run.attempts(), started, ex.httpStatus(), ex.getMessage(), delay,
					billed);
		}
		else {
			String prefix = ex.retryable() ? "Gave up after " + run.attempts() + " attempts: " : "";
			this.recorder.fail(run.id(), run.attempts(), started, ex.httpStatus(), prefix + ex.getMessage(), billed);
		}
	}

}
