package org.tokenyield.grading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A grading rule that cannot be used, with every problem found keyed by its field path
 * ({@code "grader.tolerance" -> "must be a number >= 0"}), so that the API can list them
 * under {@code errors} and a form can show them next to the right input.
 */
public class InvalidGradingRuleException extends RuntimeException {

	private final Map<String, String> fieldErrors;

	public InvalidGradingRuleException(Map<String, String> fieldErrors) {
		super(describe(fieldErrors));
		if (fieldErrors == null || fieldErrors.isEmpty()) {
			throw new IllegalArgumentException("an invalid rule needs at least one field error");
		}
		this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
	}

	/** Field path to message, in the order the problems were found. */
	public Map<String, String> fieldErrors() {
		return this.fieldErrors;
	}

	private static String describe(Map<String, String> fieldErrors) {
		if (fieldErrors == null) {
			return "invalid grading rule";
		}
		return "invalid grading rule: " + fieldErrors.entrySet()
			.stream()
			.map(error -> error.getKey() + " " + error.getValue())
			.collect(Collectors.joining("; "));
	}

}
