package org.tokenyield.runs.judge;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.grading.JudgeGrader;
import org.tokenyield.grading.JudgeReply;
import org.tokenyield.grading.JudgeRule;
import org.tokenyield.grading.JudgedGrade;
import org.tokenyield.grading.UnreadableJudgeReplyException;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.runs.JudgeProperties;
import org.tokenyield.runs.RunsProperties;
import org.tokenyield.runs.execution.RetryPolicy;
import org.tokenyield.runs.execution.RunRecorder;
import org.tokenyield.runs.queue.RunClock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grading v2: answers under a judge rule are graded here, apart from the run that
 * produced them, by the model named in {@code app.grading.judge.model} (a catalog key). A
 * run waits with {@code judge_due_at} set: when it succeeds, and again when its prompt's
 * rule changes (the {@link Regrader} never calls the model again, only the judge). The
 * claim pushes {@code judge_due_at} forward as a lease, so several instances never judge
 * one answer at once and a crash only delays it. The judge's tokens and cost go to
 * {@code judge_*} columns, never to the model's. Without a configured judge the answers
 * stay ungraded with a note.
 */
@Component
class JudgeWorker {

	private static final Logger log = LoggerFactory.getLogger(JudgeWorker.class);

	private final GradeRepository grades;

	private final CatalogService catalog;

	private final PromptService prompts;

	private final String judgeKey;

	/** The judge retries as the models do, from a 1 s base. */
	private final RetryPolicy retries;

	private final int maxOutputTokens;

	private final Duration lease;

	private final RunClock clock;

	JudgeWorker(GradeRepository grades, CatalogService catalog, PromptService prompts, RunClock clock,
			JudgeProperties properties) {
		this.grades = grades;
		this.catalog = catalog;
		this.prompts = prompts;
		this.clock = clock;
		this.judgeKey = properties.key();
		this.retries = new RetryPolicy(properties.maxAttempts(), Duration.ofSeconds(1));
		this.maxOutputTokens = properties.maxOutputTokens();
		this.lease = properties.lease();
	}

	boolean configured() {
		return !this.judgeKey.isEmpty();
	}

	String judgeKey() {
		return this.judgeKey;
	}

	record Due(long runId, long promptId, String answer, int attempt) {
	}

	@Scheduled(fixedDelayString = "#{@'" + JudgeProperties.BEAN + "'.poll()}",
			initialDelayString = "#{@'" + RunsProperties.BEAN + "'.worker().initialDelay()}")
	void poll() {
		if (!configured()) {
			return;
		}
		try {
			Optional<ModelVersion> judge = this.catalog.find(this.judgeKey);
			ModelProvider provider = judge.flatMap(j -> this.catalog.provider(j.provider())).orElse(null);
			if (judge.isEmpty() || provider == null || !provider.configured()) {
				log.debug("Judge {} is not in the catalog or its provider is not configured", this.judgeKey);
				return;
			}
			for (List<Due> due = claim(8); !due.isEmpty(); due = claim(8)) {
				for (Due d : due) {
					judge(d, judge.get(), provider);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Judge poll failed: {}", ex.getMessage());
		}
	}

	@Transactional
	List<Due> claim(int limit) {
		OffsetDateTime now = this.clock.now();
		return this.grades.claimJudging(now, now.plus(this.lease), limit);
	}

	/**
	 * Thrown through the judge client when the call fails; carries the provider's
	 * classification.
	 */
	static final class JudgeCallFailed extends RuntimeException {

		final ProviderException cause;

		JudgeCallFailed(ProviderException cause) {
			super(cause.getMessage(), cause);
			this.cause = cause;
		}

	}

	/** Judge answers vote by their normalized text, whatever the rubric says. */
	private static final JudgeRule JUDGE = new JudgeRule("voting key");

	void judge(Due due, ModelVersion judge, ModelProvider provider) {
		GradingRule rule = this.prompts.gradingRule(due.promptId());
		if (!(rule instanceof JudgeRule judgeRule)) {
			// the rule changed away from a judge since: the Regrader graded it already
			this.grades.dropJudging(due.runId());
			return;
		}
		String promptText = this.prompts.find(due.promptId()).orElseThrow().text();
		long[] cached = new long[1];
		JudgeGrader grader = new JudgeGrader(question -> {
			try {
				ProviderReply reply = provider.complete(new ProviderRequest(judge.apiModel(), judge.defaultSetting(),
						question, this.maxOutputTokens, null));
				cached[0] = reply.usage().cachedInputTokens() == null ? 0 : reply.usage().cachedInputTokens();
				long out = reply.usage().outputTokens() == null ? 0 : reply.usage().outputTokens();
				return new JudgeReply(reply.text(), reply.usage().inputTokens(), out);
			}
			catch (ProviderException ex) {
				throw new JudgeCallFailed(ex);
			}
		});
		try {
			JudgedGrade graded = grader.grade(judgeRule, promptText, due.answer());
			BigDecimal cost = CostCalculator.billedCost(judge.prices(),
					new CostCalculator.Tokens(graded.judgeInputTokens(), cached[0], graded.judgeOutputTokens()));
			record(due.runId(), judge.id(), graded.grade().score(), graded.grade().extractedAnswer(),
					graded.judgeInputTokens(), graded.judgeOutputTokens(), cost, null, null);
		}
		catch (UnreadableJudgeReplyException ex) {
			BigDecimal cost = CostCalculator.billedCost(judge.prices(),
					new CostCalculator.Tokens(ex.judgeInputTokens(), cached[0], ex.judgeOutputTokens()));
			record(due.runId(), judge.id(), null, null, ex.judgeInputTokens(), ex.judgeOutputTokens(), cost,
					"Judge " + judge.key() + ": " + ex.getMessage(), null);
		}
		catch (JudgeCallFailed ex) {
			boolean again = this.retries.retries(ex.cause.retryable(), due.attempt());
			Duration delay = again ? this.retries.delay(due.attempt(), ex.cause.retryAfter()) : null;
			record(due.runId(), null, null, null, null, null, null,
					"Judge " + judge.key() + (again ? " (will retry)" : " failed") + ": " + ex.getMessage(), delay);
		}
	}

	private void record(long runId, Long judgeModelId, Double score, String extracted, Long in, Long out,
			BigDecimal cost, String error, Duration retryIn) {
		OffsetDateTime now = this.clock.now();
		this.grades.judged(runId, judgeModelId, score, RunRecorder.clip(extracted),
				extracted == null ? null : Grading.votingKey(JUDGE, extracted), in, out, cost, RunRecorder.clip(error),
				now, retryIn == null ? null : now.plus(retryIn));
	}

}
