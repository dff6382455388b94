package org.tokenyield.grading;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API/storage form of a rule: {@code {type, expected, tolerance, pattern, all, any,
 * required, rubric, options}} with only the fields of its type. Used by the prompt API,
 * the moderation form and the stored prompt alike, so that all three accept and reject
 * the same rules.
 */
public final class GradingRules {

	private static final List<String> TYPES = List.of(ExactRule.TYPE, NumericRule.TYPE, ChoiceRule.TYPE, RegexRule.TYPE,
			ContainsRule.TYPE, JsonRule.TYPE, JudgeRule.TYPE);

	private static final Map<String, Set<String>> FIELDS = Map.of(ExactRule.TYPE, Set.of("expected"), NumericRule.TYPE,
			Set.of("expected", "tolerance"), ChoiceRule.TYPE, Set.of("expected", "options"), RegexRule.TYPE,
			Set.of("pattern"), ContainsRule.TYPE, Set.of("all", "any"), JsonRule.TYPE, Set.of("required"),
			JudgeRule.TYPE, Set.of("rubric"));

	private GradingRules() {
	}

	/** The rule types, in the order forms list them. */
	public static List<String> types() {
		return TYPES;
	}

	/**
	 * Parses and validates the API/storage form.
	 * @throws InvalidGradingRuleException listing every problem, keyed
	 * {@code grader.<field>}
	 */
	public static GradingRule parse(Map<String, ?> json) throws InvalidGradingRuleException {
		if (json == null) {
			throw new InvalidGradingRuleException(Map.of("grader", "is required"));
		}
		Map<String, String> errors = new LinkedHashMap<>();
		String type = readType(json, errors);
		if (type == null) {
			throw new InvalidGradingRuleException(errors);
		}
		for (Map.Entry<String, ?> field : json.entrySet()) {
			String name = field.getKey();
			if (name == null) {
				errors.put("grader", "has a field without a name");
			}
			else if (!"type".equals(name) && !FIELDS.get(type).contains(name) && field.getValue() != null) {
				errors.put(RuleConstraints.PREFIX + name, "is not a field of a " + type + " rule");
			}
		}
		RuleForm form = new RuleForm(json, errors);
		GradingRule rule = read(type, form, errors);
		if (!errors.isEmpty()) {
			throw new InvalidGradingRuleException(errors);
		}
		return rule;
	}

	/** The API/storage form: {@code type} first, then only the fields of that type. */
	public static Map<String, Object> toMap(GradingRule rule) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", rule.type());
		if (rule instanceof ExactRule exact) {
			map.put("expected", exact.expected());
		}
		else if (rule instanceof NumericRule numeric) {
			map.put("expected", numeric.expected());
			map.put("tolerance", numeric.tolerance());
		}
		else if (rule instanceof ChoiceRule choice) {
			map.put("expected", choice.expected());
			map.put("options", List.copyOf(choice.options()));
		}
		else if (rule instanceof RegexRule regex) {
			map.put("pattern", regex.pattern());
		}
		else if (rule instanceof ContainsRule contains) {
			map.put("all", List.copyOf(contains.all()));
			map.put("any", List.copyOf(contains.any()));
		}
		else if (rule instanceof JsonRule json) {
			map.put("required", List.copyOf(json.required()));
		}
		else if (rule instanceof JudgeRule judge) {
			map.put("rubric", judge.rubric());
		}
		return map;
	}

	private static String readType(Map<String, ?> json, Map<String, String> errors) {
		Object type = json.get("type");
		if (type == null || (type instanceof String text && text.isBlank())) {
			errors.put("grader.type", "is required, one of " + String.join(", ", TYPES));
			return null;
		}
		if (!(type instanceof String text) || !TYPES.contains(text.strip())) {
			errors.put("grader.type", "must be one of " + String.join(", ", TYPES));
			return null;
		}
		return text.strip();
	}

	/**
	 * Applies the same constraints as the record constructors, collecting instead of
	 * throwing; a field whose JSON type was already wrong keeps that first, more useful
	 * message.
	 */
	private static GradingRule read(String type, RuleForm form, Map<String, String> errors) {
		Map<String, String> problems = new LinkedHashMap<>();
		GradingRule rule = null;
		switch (type) {
			case ExactRule.TYPE -> {
				String expected = form.textOrNumber("expected");
				RuleConstraints.checkExactExpected(expected, problems);
				rule = problems.isEmpty() ? new ExactRule(expected.strip()) : null;
			}
			case NumericRule.TYPE -> {
				String expected = form.textOrNumber("expected");
				double tolerance = form.number("tolerance", NumericRule.DEFAULT_TOLERANCE,
						"must be a number >= 0 and <= 1e12");
				RuleConstraints.checkNumericExpected(expected, problems);
				RuleConstraints.checkTolerance(tolerance, problems);
				rule = problems.isEmpty() ? new NumericRule(expected.strip(), tolerance) : null;
			}
			case ChoiceRule.TYPE -> {
				String expected = form.text("expected");
				List<String> options = form.texts("options");
				String letter = (expected != null) ? expected.strip().toUpperCase(java.util.Locale.ROOT) : null;
				RuleConstraints.checkOptions(options, problems);
				RuleConstraints.checkChoiceExpected(letter, options, problems);
				rule = problems.isEmpty() ? new ChoiceRule(letter, options) : null;
			}
			case RegexRule.TYPE -> {
				String pattern = form.text("pattern");
				RuleConstraints.checkPattern(pattern, problems);
				rule = problems.isEmpty() ? new RegexRule(pattern) : null;
			}
			case ContainsRule.TYPE -> {
				List<String> all = form.texts("all");
				List<String> any = form.texts("any");
				RuleConstraints.checkContains(all, any, problems);
				rule = problems.isEmpty() ? new ContainsRule(all, any) : null;
			}
			case JsonRule.TYPE -> {
				List<String> required = form.texts("required");
				RuleConstraints.checkRequired(required, problems);
				rule = problems.isEmpty() ? new JsonRule(required) : null;
			}
			case JudgeRule.TYPE -> {
				String rubric = form.text("rubric");
				RuleConstraints.checkRubric(rubric, problems);
				rule = problems.isEmpty() ? new JudgeRule(rubric) : null;
			}
			default -> throw new IllegalStateException("unhandled rule type " + type);
		}
		problems.forEach(errors::putIfAbsent);
		return rule;
	}

}
