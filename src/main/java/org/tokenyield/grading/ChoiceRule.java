package org.tokenyield.grading;

import java.util.List;
import java.util.Locale;

/**
 * Multiple choice: the answer must name the letter {@code expected}.
 *
 * @param expected one letter from A to J, stored upper case
 * @param options the option texts in letter order (A first), so that an answer giving the
 * option's text instead of its letter still counts; may be empty
 */
public record ChoiceRule(String expected, List<String> options) implements GradingRule {

	public static final String TYPE = "choice";

	public ChoiceRule {
		options = RuleConstraints.copy(options);
		expected = (expected != null) ? expected.strip().toUpperCase(Locale.ROOT) : null;
		String letter = expected;
		List<String> texts = options;
		RuleConstraints.requireValid(errors -> {
			RuleConstraints.checkOptions(texts, errors);
			RuleConstraints.checkChoiceExpected(letter, texts, errors);
		});
	}

	public ChoiceRule(String expected) {
		this(expected, List.of());
	}

	@Override
	public String type() {
		return TYPE;
	}

}
