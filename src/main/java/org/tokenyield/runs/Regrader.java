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

	Regrader(JdbcClient jdbc, PromptService prompts) {
		this.jdbc = jdbc;
		this.prompts = prompts;
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
				// a judge needs a provider call; those answers wait ungraded for the judge
				this.jdbc.sql("update runs set score = null, extracted_answer = null, graded_at = null where id = ?")
					.param(a.runId())
					.update();
				continue;
			}
			Grade grade = Grading.grade(rule, a.text());
			this.jdbc.sql("update runs set score = ?, extracted_answer = ?, graded_at = now() where id = ?")
				.params(grade.score(), grade.extractedAnswer(), a.runId())
				.update();
		}
		return answers.size();
	}

}
