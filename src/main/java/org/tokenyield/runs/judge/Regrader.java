package org.tokenyield.runs.judge;

import java.time.OffsetDateTime;
import java.util.List;

import org.tokenyield.grading.Grade;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.JudgeProperties;
import org.tokenyield.runs.execution.RunRecorder;
import org.tokenyield.runs.queue.RunClock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A changed grading rule rescoring the stored answers: no model is called again. Runs
 * after the edit committed, in batches of {@link #BATCH} runs, each its own short
 * transaction, so that a prompt with many answers never holds one transaction (and its
 * locks) for the whole regrade. Each batch reads the rule again: when the rule changes
 * during a regrade, the rest is graded under the newest rule, and the regrade that change
 * starts covers the rest.
 */
@Component
public class Regrader {

	static final int BATCH = 200;

	private final GradeRepository grades;

	private final PromptService prompts;

	private final TransactionTemplate batches;

	public static final String NO_JUDGE = "Ungraded: this prompt is graded by an LLM judge and no judge is configured (app.grading.judge.model)";

	private final boolean judgeConfigured;

	private final RunClock clock;

	Regrader(GradeRepository grades, PromptService prompts, PlatformTransactionManager transactions, RunClock clock,
			JudgeProperties judge) {
		this.grades = grades;
		this.prompts = prompts;
		this.clock = clock;
		this.batches = new TransactionTemplate(transactions);
		// new: the regrade may be called from an after-commit callback of the edit's
		// transaction
		this.batches.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.judgeConfigured = judge.configured();
	}

	record Answer(long runId, String text) {
	}

	private record Batch(int size, long lastRunId) {
	}

	/** Regrades every stored answer of the prompt; returns how many. */
	public int regrade(long promptId) {
		long after = 0;
		int total = 0;
		while (true) {
			long from = after;
			Batch done = this.batches.execute(status -> batch(promptId, from));
			total += done.size();
			if (done.size() < BATCH) {
				return total;
			}
			after = done.lastRunId();
		}
	}

	private Batch batch(long promptId, long after) {
		GradingRule rule = this.prompts.gradingRule(promptId);
		List<Answer> answers = this.grades.answers(promptId, after, BATCH);
		OffsetDateTime now = this.clock.now();
		for (Answer a : answers) {
			if ("judge".equals(rule.type())) {
				// a judge needs a provider call: the answer waits for the JudgeWorker,
				// which asks the judge (never the model) asynchronously; the previous
				// judge's tokens are cleared
				this.grades.awaitJudge(a.runId(), now, this.judgeConfigured ? null : NO_JUDGE);
				continue;
			}
			Grade grade = Grading.grade(rule, a.text());
			this.grades.regraded(a.runId(), grade.score(), RunRecorder.clip(grade.extractedAnswer()),
					Grading.votingKey(rule, grade.extractedAnswer()), now);
		}
		return new Batch(answers.size(), answers.isEmpty() ? after : answers.get(answers.size() - 1).runId());
	}

}
