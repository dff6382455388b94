package org.tokenyield.grading;

/**
 * An LLM judge scores the answer against a rubric; see {@link JudgeGrader}. The judge's
 * tokens are recorded apart and never counted as the graded model's.
 *
 * @param rubric what a good answer contains, at most 4000 characters
 */
public record JudgeRule(String rubric) implements GradingRule {

	public static final String TYPE = "judge";

	public JudgeRule {
		RuleConstraints.requireValid(errors -> RuleConstraints.checkRubric(rubric, errors));
	}

	@Override
	public String type() {
		return TYPE;
	}

}
