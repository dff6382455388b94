package org.tokenyield.grading;

/**
 * The last number of the extracted answer must lie within {@code tolerance} of
 * {@code expected}. The tolerance is absolute: a prompt author knows the scale of the
 * answer, and an absolute bound means the same thing for every answer. A tiny relative
 * slack (1e-12 of the expected value) is added only to absorb floating-point rounding of
 * large numbers, never as a grading allowance.
 *
 * @param expected the number as the author wrote it ({@code "1,000"}, {@code "3/4"},
 * {@code "50%"}), kept as text so that a percent sign keeps its meaning
 * @param tolerance absolute, {@code >= 0}; {@link #DEFAULT_TOLERANCE} when not given
 */
public record NumericRule(String expected, double tolerance) implements GradingRule {

	public static final String TYPE = "numeric";

	public static final double DEFAULT_TOLERANCE = 1e-6;

	public NumericRule {
		expected = (expected != null) ? expected.strip() : null;
		String text = expected;
		RuleConstraints.requireValid(errors -> {
			RuleConstraints.checkNumericExpected(text, errors);
			RuleConstraints.checkTolerance(tolerance, errors);
		});
	}

	public NumericRule(String expected) {
		this(expected, DEFAULT_TOLERANCE);
	}

	@Override
	public String type() {
		return TYPE;
	}

}
