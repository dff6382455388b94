package org.tokenyield.grading;

import java.util.List;

/**
 * The answer must contain a valid JSON object with every {@code required} top-level
 * field.
 *
 * @param required field names; may be empty (then any valid object passes)
 */
public record JsonRule(List<String> required) implements GradingRule {

	public static final String TYPE = "json";

	public JsonRule {
		required = RuleConstraints.copy(required);
		List<String> fields = required;
		RuleConstraints.requireValid(errors -> RuleConstraints.checkRequired(fields, errors));
	}

	@Override
	public String type() {
		return TYPE;
	}

}
