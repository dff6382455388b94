package org.tokenyield.runs;

import org.tokenyield.grading.Grade;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.prompts.PromptService;

import org.springframework.jdbc.core.simple.JdbcClient;
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
class Regrader {

	static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final PromptService prompts;

	private final TransactionTemplate batches;

	static final String NO_JUDGE = "Ungraded: this prompt is graded by an LLM judge and no judge is configured (app.grading.judge.model)";

	private final boolean judgeConfigured;

	private final RunClock clock;

	Regrader(JdbcClient jdbc, PromptService prompts, PlatformTransactionManager transactions, RunClock clock,
			JudgeProperties judge) {
		this.jdbc = jdbc;
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
	int regrade(long promptId) {
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
		var answers = this.jdbc.sql("""
				select id, answer from runs
				 where prompt_id = ? and status = 'SUCCEEDED' and answer is not null and id > ?
				 order by id limit ?""")
			.params(promptId, after, BATCH)
			.query((rs, i) -> new Answer(rs.getLong(1), rs.getString(2)))
			.list();
		java.time.OffsetDateTime now = this.clock.now();
		for (Answer a : answers) {
			if ("judge".equals(rule.type())) {
				// a judge needs a provider call: the answer waits for the JudgeWorker,
				// which asks the
				// judge (never the model) asynchronously; the previous judge's tokens are
				// cleared
				this.jdbc.sql("""
						update runs set score = null, extracted_answer = null, voting_key = null, graded_at = null,
						       judge_due_at = ?, judge_attempts = 0, judge_input_tokens = null,
						       judge_output_tokens = null, judge_cost_usd = null, judge_model_id = null,
						       error = case when ? then null else ? end
						 where id = ?""").params(now, this.judgeConfigured, NO_JUDGE, a.runId()).update();
				continue;
			}
			Grade grade = Grading.grade(rule, a.text());
			this.jdbc.sql("""
					update runs set score = ?, extracted_answer = ?, voting_key = ?, graded_at = ?, judge_due_at = null,
					       judge_input_tokens = null, judge_output_tokens = null, judge_cost_usd = null,
					       judge_model_id = null, error = null where id = ?""")
				.params(grade.score(), RunRecorder.clip(grade.extractedAnswer()),
						Grading.votingKey(rule, grade.extractedAnswer()), now, a.runId())
				.update();
		}
		return new Batch(answers.size(), answers.isEmpty() ? after : answers.get(answers.size() - 1).runId());
	}

}
