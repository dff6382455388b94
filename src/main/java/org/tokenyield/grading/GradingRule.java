package org.tokenyield.grading;

/**
 * How a prompt's answers are scored. Each kind is a record validated at creation, so a
 * rule that exists can always be applied; {@link GradingRules#parse} turns the
 * API/storage form into one and reports every problem at once.
 */
public sealed interface GradingRule
		permits ExactRule, NumericRule, ChoiceRule, RegexRule, ContainsRule, JsonRule, JudgeRule {

	/** The {@code type} of the API form: one of {@link GradingRules#types()}. */
	String type();

}
