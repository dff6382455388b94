package org.tokenyield.grading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import com.google.re2j.PatternSyntaxException;

/**
 * The limits of every rule field, shared by the record constructors and
 * {@link GradingRules#parse} so that both say the same thing in the same words. Limits
 * keep stored rules small and grading fast; they are documented in docs/grading.md.
 */
final class RuleConstraints {

	static final String PREFIX = "grader.";

	static final int MAX_EXPECTED = 1000;

	static final int MAX_NUMERIC_EXPECTED = 100;

	static final double MAX_TOLERANCE = 1e12;

	static final int MAX_OPTIONS = 10;

	static final int MAX_OPTION = 500;

	static final int MAX_PATTERN = 500;

	/**
	 * RE2 program size: matching costs at most this many steps per character of the
	 * answer.
	 */
	static final int MAX_PROGRAM = 5000;

	/** RE2's own largest count, refused here before RE2 reads it. */
	static final int MAX_COUNT = 1000;

	static final int MAX_NESTING = 10;

	static final int MAX_ALTERNATIVES = 100;

	static final int MAX_TERMS = 20;

	static final int MAX_TERM = 200;

	static final int MAX_REQUIRED = 20;

	static final int MAX_FIELD_NAME = 200;

	static final int MAX_RUBRIC = 4000;

	private RuleConstraints() {
	}

	/**
	 * An unmodifiable copy that, unlike {@code List.copyOf}, keeps null items so that
	 * they are reported as field errors instead of failing with a NullPointerException.
	 */
	static List<String> copy(List<String> values) {
		return (values != null) ? Collections.unmodifiableList(new ArrayList<>(values)) : List.of();
	}

	static void requireValid(Consumer<Map<String, String>> checks) {
		Map<String, String> errors = new LinkedHashMap<>();
		checks.accept(errors);
		if (!errors.isEmpty()) {
			throw new InvalidGradingRuleException(errors);
		}
	}

	static void checkExactExpected(String expected, Map<String, String> errors) {
		if (requireText(expected, "expected", MAX_EXPECTED, errors)
				&& (expected.indexOf('\n') >= 0 || expected.indexOf('\r') >= 0)) {
			// Answers are compared line-wise (the last line is the fallback answer), so a
			// multi-line expectation could never match.
			errors.put(PREFIX + "expected", "must be a single line");
		}
	}

	static void checkNumericExpected(String expected, Map<String, String> errors) {
		if (requireText(expected, "expected", MAX_NUMERIC_EXPECTED, errors)
				&& NumberReading.readSingle(expected).isEmpty()) {
			errors.put(PREFIX + "expected",
					"must be a single number, such as 42, -2.5e3, 1,000, 3/4, \\frac{3}{4} or 50%");
		}
	}

	static void checkTolerance(double tolerance, Map<String, String> errors) {
		if (!(tolerance >= 0 && tolerance <= MAX_TOLERANCE)) {
			errors.put(PREFIX + "tolerance", "must be a number >= 0 and <= 1e12");
		}
	}

	static void checkChoiceExpected(String letter, List<String> options, Map<String, String> errors) {
		if (letter == null || !letter.matches("[A-J]")) {
			errors.put(PREFIX + "expected", "must be a single letter from A to J");
			return;
		}
		int index = letter.charAt(0) - 'A';
		if (!options.isEmpty() && index >= options.size()) {
			errors.put(PREFIX + "expected", "must name one of the " + options.size() + " options (A to "
					+ (char) ('A' + options.size() - 1) + ")");
		}
	}

	static void checkOptions(List<String> options, Map<String, String> errors) {
		checkTextList(options, "options", MAX_OPTIONS, MAX_OPTION, errors);
	}

	static void checkPattern(String pattern, Map<String, String> errors) {
		if (!requireText(pattern, "pattern", MAX_PATTERN, errors)) {
			return;
		}
		// RE2 expands counted repetitions while compiling, so the program size can only
		// be asked of a pattern whose syntax already shows it small
		String tooCostly = costRefusal(PatternCost.of(pattern));
		if (tooCostly != null) {
			errors.put(PREFIX + "pattern", tooCostly);
			return;
		}
		try {
			// the estimate is an upper bound; the compiled size is the exact second guard
			if (RegexAnswers.compile(pattern).programSize() > MAX_PROGRAM) {
				errors.put(PREFIX + "pattern", "is too complex: its repetitions expand beyond " + MAX_PROGRAM
						+ " steps; use fewer or smaller {n} counts");
			}
		}
		catch (PatternSyntaxException ex) {
			// RE2 syntax: what it cannot bound (lookaround, backreferences, possessive
			// quantifiers) does not compile, so such a pattern never reaches a grader
			errors.put(PREFIX + "pattern",
					"is not a valid regular expression: " + ex.getDescription()
							+ (ex.getPattern() == null || ex.getPattern().isEmpty() ? ""
									: " at '" + clip(ex.getPattern()) + "'")
							+ " (RE2 syntax: no lookaround or backreferences)");
		}
	}

	private static String costRefusal(PatternCost cost) {
		if (cost.largestCount() > MAX_COUNT) {
			return "has a repetition count above " + MAX_COUNT + "; each {n} or {n,m} may count to " + MAX_COUNT;
		}
		if (cost.nesting() > MAX_NESTING) {
			return "nests groups " + cost.nesting() + " deep; at most " + MAX_NESTING + " levels";
		}
		if (cost.alternatives() > MAX_ALTERNATIVES) {
			return "has " + cost.alternatives() + " alternatives (|); at most " + MAX_ALTERNATIVES;
		}
		if (cost.steps() > MAX_PROGRAM) {
			return String
				.format(Locale.ROOT,
						"is too complex: its repetitions expand to about %,d steps, more than %,d; "
								+ "use fewer or smaller {n} counts (nested counts multiply)",
						cost.steps(), MAX_PROGRAM);
		}
		return null;
	}

	static void checkContains(List<String> all, List<String> any, Map<String, String> errors) {
		if (all.isEmpty() && any.isEmpty()) {
			errors.put(PREFIX + "all", "needs at least one term in all or any");
			return;
		}
		checkTextList(all, "all", MAX_TERMS, MAX_TERM, errors);
		checkTextList(any, "any", MAX_TERMS, MAX_TERM, errors);
	}

	static void checkRequired(List<String> required, Map<String, String> errors) {
		checkTextList(required, "required", MAX_REQUIRED, MAX_FIELD_NAME, errors);
	}

	static void checkRubric(String rubric, Map<String, String> errors) {
		requireText(rubric, "rubric", MAX_RUBRIC, errors);
	}

	private static String clip(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "..." : s;
	}

	private static boolean requireText(String value, String field, int max, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			errors.put(PREFIX + field, "is required and must not be blank");
			return false;
		}
		if (value.codePointCount(0, value.length()) > max) {
			errors.put(PREFIX + field, "must be at most " + max + " characters");
			return false;
		}
		return true;
	}

	private static void checkTextList(List<String> values, String field, int maxItems, int maxLength,
			Map<String, String> errors) {
		if (values.size() > maxItems) {
			errors.put(PREFIX + field, "must have at most " + maxItems + " items");
			return;
		}
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			String key = PREFIX + field + "[" + i + "]";
			if (value == null || value.isBlank()) {
				errors.put(key, "must not be blank");
			}
			else if (value.codePointCount(0, value.length()) > maxLength) {
				errors.put(key, "must be at most " + maxLength + " characters");
			}
		}
	}

}
