package org.tokenyield.runs;

import org.tokenyield.grading.Grade;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.prompts.PromptService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A changed grading rule rescoring the stored answers: no model is called again. */
@Component
class Regrader {

	private final JdbcClient jdbc;

	private final PromptService prompts;

	static final String NO_JUDGE = "Ungraded: this prompt is graded by an LLM judge and no judge is configured (app.grading.judge.model)";

	private final boolean judgeConfigured;

	Regrader(JdbcClient jdbc, PromptService prompts,
			@org.springframework.beans.factory.annotation.Value("${app.grading.judge.model:}") String judgeModel) {
		this.jdbc = jdbc;
		this.prompts = prompts;
		this.judgeConfigured = judgeModel != null && !judgeModel.isBlank();
	}

	record Answer(long runId, String text) {
	}

	@Transactional
	int regrade(long promptId) {
		GradingRule rule = this.prompts.gradingRule(promptId);
		var answers = this.jdbc
			.sql("select id, answer from runs where prompt_id = ? and status = 'SUCCEEDED' and answer is not null")
			.param(promptId)
			.query((rs, i) -> new Answer(rs.getLong(1), rs.getString(2)))
			.list();
		for (Answer a : answers) {
			if ("judge".equals(rule.type())) {
				// a judge needs a provider call: the answer waits for the JudgeWorker, which asks the
				// judge (never the model) asynchronously; the previous judge's tokens are cleared
				this.jdbc.sql("""
						update runs set score = null, extracted_answer = null, graded_at = null, judge_due_at = now(),
						       judge_attempts = 0, judge_input_tokens = null, judge_output_tokens = null,
						       judge_cost_usd = null, judge_model_id = null,
						       error = case when ? then null else ? end
						 where id = ?""")
					.params(this.judgeConfigured, NO_JUDGE, a.runId())
					.update();
				continue;
			}
			Grade grade = Grading.grade(rule, a.text());
			this.jdbc.sql("""
					update runs set score = ?, extracted_answer = ?, graded_at = now(), judge_due_at = null,
					       judge_input_tokens = null, judge_output_tokens = null, judge_cost_usd = null,
					       judge_model_id = null, error = null where id = ?""")
				.params(grade.score(), RunRecorder.clip(grade.extractedAnswer()), a.runId())
				.update();
		}
		return answers.size();
	}

}
