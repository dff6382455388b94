package org.tokenyield.grading;

/**
 * The pattern must be found ({@code find()}, not a full match) in the extracted answer.
 *
 * @param pattern a Java regular expression, at most 500 characters
 */
public record RegexRule(String pattern) implements GradingRule {

	public static final String TYPE = "regex";

	public RegexRule {
		RuleConstraints.requireValid(errors -> RuleConstraints.checkPattern(pattern, errors));
	}

	@Override
	public String type() {
		return TYPE;
	}

}
