package org.tokenyield.grading;

/**
 * The extracted answer must equal {@code expected} after normalization (NFKC, case
 * folding, whitespace collapsed, quotes, emphasis and a trailing period removed).
 *
 * @param expected a single line, at most 1000 characters
 */
public record ExactRule(String expected) implements GradingRule {

	public static final String TYPE = "exact";

	public ExactRule {
		expected = (expected != null) ? expected.strip() : null;
		String text = expected;
		RuleConstraints.requireValid(errors -> RuleConstraints.checkExactExpected(text, errors));
	}

	@Override
	public String type() {
		return TYPE;
	}

}
