package org.tokenyield.grading;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class GradingRulesTests {

	static Stream<GradingRule> rules() {
		return Stream.of(new ExactRule("東京"), new NumericRule("1,000", 0.5), new NumericRule("3/4"),
				new ChoiceRule("B", List.of("Lyon", "Paris")), new ChoiceRule("J"), new RegexRule("\\d+\\s*km"),
				new ContainsRule(List.of("a", "b"), List.of()), new ContainsRule(List.of(), List.of("x")),
				new JsonRule(List.of("name", "age")), new JsonRule(List.of()), new JudgeRule("Mentions both causes."));
	}

	@ParameterizedTest
	@MethodSource("rules")
	void toMapRoundTrips(GradingRule rule) {
		Map<String, Object> map = GradingRules.toMap(rule);
		assertThat(map).containsEntry("type", rule.type());
		assertThat(GradingRules.parse(map)).isEqualTo(rule);
	}

	@Test
	void toMapHasOnlyTheFieldsOfTheType() {
		assertThat(GradingRules.toMap(new NumericRule("42"))).containsOnlyKeys("type", "expected", "tolerance")
			.containsEntry("tolerance", 1e-6);
		assertThat(GradingRules.toMap(new ContainsRule(List.of("a"), null))).containsOnlyKeys("type", "all", "any");
		assertThat(GradingRules.toMap(new JudgeRule("r"))).containsOnlyKeys("type", "rubric");
	}

	@Test
	void typesAreListedInOrder() {
		assertThat(GradingRules.types()).containsExactly("exact", "numeric", "choice", "regex", "contains", "json",
				"judge");
	}

	@Test
	void parsesEachType() {
		assertThat(GradingRules.parse(Map.of("type", "exact", "expected", " Paris ")))
			.isEqualTo(new ExactRule("Paris"));
		assertThat(GradingRules.parse(Map.of("type", "numeric", "expected", "3/4")))
			.isEqualTo(new NumericRule("3/4", 1e-6));
		assertThat(GradingRules.parse(Map.of("type", "numeric", "expected", 0.75, "tolerance", 1)))
			.isEqualTo(new NumericRule("0.75", 1.0));
		assertThat(GradingRules.parse(Map.of("type", "numeric", "expected", new BigDecimal("2.50"))))
			.isEqualTo(new NumericRule("2.5"));
		assertThat(GradingRules.parse(Map.of("type", "choice", "expected", "b"))).isEqualTo(new ChoiceRule("B"));
		assertThat(GradingRules.parse(Map.of("type", "contains", "any", List.of("x"))))
			.isEqualTo(new ContainsRule(List.of(), List.of("x")));
		assertThat(GradingRules.parse(Map.of("type", "json"))).isEqualTo(new JsonRule(List.of()));
	}

	@Test
	void nullFieldsCountAsAbsent() {
		Map<String, Object> form = new HashMap<>();
		form.put("type", "regex");
		form.put("pattern", "a+");
		form.put("expected", null);
		form.put("rubric", null);
		assertThat(GradingRules.parse(form)).isEqualTo(new RegexRule("a+"));
	}

	@Test
	void fieldWithoutNameIsAnErrorNotANullPointerException() {
		Map<String, Object> form = new HashMap<>();
		form.put("type", "exact");
		form.put("expected", "x");
		form.put(null, "y");
		assertThat(errors(form)).containsExactly(entry("grader", "has a field without a name"));
	}

	@Test
	void missingOrUnknownType() {
		assertThat(errors(Map.of())).containsOnlyKeys("grader.type");
		assertThat(errors(Map.of("type", "fuzzy"))).containsExactly(
				entry("grader.type", "must be one of exact, numeric, choice, regex, contains, json, judge"));
		assertThat(errors(Map.of("type", 3))).containsOnlyKeys("grader.type");
		assertThatThrownBy(() -> GradingRules.parse(null)).isInstanceOf(InvalidGradingRuleException.class);
	}

	@Test
	void unknownFieldsAreNamed() {
		assertThat(errors(Map.of("type", "exact", "expected", "x", "tolerance", 0.1)))
			.containsExactly(entry("grader.tolerance", "is not a field of a exact rule"));
		assertThat(errors(Map.of("type", "judge", "rubric", "r", "colour", "red")))
			.containsExactly(entry("grader.colour", "is not a field of a judge rule"));
	}

	@Test
	void exactValidation() {
		assertThat(errors(Map.of("type", "exact"))).containsOnlyKeys("grader.expected");
		assertThat(errors(Map.of("type", "exact", "expected", "  "))).containsOnlyKeys("grader.expected");
		assertThat(errors(Map.of("type", "exact", "expected", "x".repeat(1001))))
			.containsExactly(entry("grader.expected", "must be at most 1000 characters"));
		assertThat(GradingRules.parse(Map.of("type", "exact", "expected", "東".repeat(1000)))).isNotNull();
		assertThat(errors(Map.of("type", "exact", "expected", "a\nb")))
			.containsExactly(entry("grader.expected", "must be a single line"));
		assertThat(errors(Map.of("type", "exact", "expected", List.of("x"))))
			.containsExactly(entry("grader.expected", "must be text or a number"));
	}

	@Test
	void numericValidation() {
		assertThat(errors(Map.of("type", "numeric", "expected", "about five"))).containsOnlyKeys("grader.expected");
		assertThat(errors(Map.of("type", "numeric", "expected", "3 or 4"))).containsOnlyKeys("grader.expected");
		assertThat(errors(Map.of("type", "numeric", "expected", "1/0"))).containsOnlyKeys("grader.expected");
		assertThat(errors(Map.of("type", "numeric", "expected", "5", "tolerance", "abc")))
			.containsExactly(entry("grader.tolerance", "must be a number >= 0 and <= 1e12"));
		assertThat(errors(Map.of("type", "numeric", "expected", "5", "tolerance", -0.1)))
			.containsOnlyKeys("grader.tolerance");
		assertThat(errors(Map.of("type", "numeric", "expected", "5", "tolerance", 2e12)))
			.containsOnlyKeys("grader.tolerance");
		assertThat(errors(Map.of("type", "numeric", "expected", true, "tolerance", "x")))
			.containsOnlyKeys("grader.expected", "grader.tolerance");
	}

	@Test
	void choiceValidation() {
		assertThat(errors(Map.of("type", "choice", "expected", "K")))
			.containsExactly(entry("grader.expected", "must be a single letter from A to J"));
		assertThat(errors(Map.of("type", "choice", "expected", "AB"))).containsOnlyKeys("grader.expected");
		assertThat(errors(Map.of("type", "choice", "expected", 2)))
			.containsExactly(entry("grader.expected", "must be text"));
		assertThat(errors(Map.of("type", "choice", "expected", "C", "options", List.of("x", "y"))))
			.containsExactly(entry("grader.expected", "must name one of the 2 options (A to B)"));
		assertThat(errors(Map.of("type", "choice", "expected", "A", "options", "x, y")))
			.containsExactly(entry("grader.options", "must be a list of texts"));
		assertThat(errors(Map.of("type", "choice", "expected", "A", "options", Arrays.asList("x", " ", 7))))
			.containsOnlyKeys("grader.options[1]", "grader.options[2]");
		assertThat(errors(Map.of("type", "choice", "expected", "A", "options", List.of("x".repeat(501)))))
			.containsOnlyKeys("grader.options[0]");
		assertThat(errors(Map.of("type", "choice", "expected", "A", "options",
				List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))))
			.containsOnlyKeys("grader.options");
	}

	@Test
	void regexValidation() {
		Map<String, String> broken = errors(Map.of("type", "regex", "pattern", "(unclosed"));
		assertThat(broken).containsOnlyKeys("grader.pattern");
		assertThat(broken.get("grader.pattern")).startsWith("is not a valid regular expression: ");
		assertThat(errors(Map.of("type", "regex", "pattern", "a".repeat(501)))).containsOnlyKeys("grader.pattern");
		assertThat(errors(Map.of("type", "regex", "pattern", ""))).containsOnlyKeys("grader.pattern");
		assertThat(errors(Map.of("type", "regex", "pattern", Map.of())))
			.containsExactly(entry("grader.pattern", "must be text"));
	}

	@Test
	void containsValidation() {
		assertThat(errors(Map.of("type", "contains")))
			.containsExactly(entry("grader.all", "needs at least one term in all or any"));
		assertThat(errors(Map.of("type", "contains", "all", List.of(), "any", List.of())))
			.containsOnlyKeys("grader.all");
		assertThat(errors(Map.of("type", "contains", "all", "paris")))
			.containsExactly(entry("grader.all", "must be a list of texts"));
		assertThat(errors(Map.of("type", "contains", "any", List.of("ok", ""))))
			.containsExactly(entry("grader.any[1]", "must not be blank"));
		assertThat(errors(Map.of("type", "contains", "all", List.of("t".repeat(201)))))
			.containsOnlyKeys("grader.all[0]");
		assertThat(errors(Map.of("type", "contains", "all", java.util.Collections.nCopies(21, "t"))))
			.containsOnlyKeys("grader.all");
	}

	@Test
	void jsonValidation() {
		assertThat(errors(Map.of("type", "json", "required", "name")))
			.containsExactly(entry("grader.required", "must be a list of texts"));
		assertThat(errors(Map.of("type", "json", "required", List.of("name", 1))))
			.containsExactly(entry("grader.required[1]", "must be text"));
		assertThat(errors(Map.of("type", "json", "required", java.util.Collections.nCopies(21, "f"))))
			.containsOnlyKeys("grader.required");
	}

	@Test
	void judgeValidation() {
		assertThat(errors(Map.of("type", "judge"))).containsOnlyKeys("grader.rubric");
		assertThat(errors(Map.of("type", "judge", "rubric", "r".repeat(4001))))
			.containsExactly(entry("grader.rubric", "must be at most 4000 characters"));
		assertThat(errors(Map.of("type", "judge", "rubric", 12)))
			.containsExactly(entry("grader.rubric", "must be text"));
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		assertThat(errors(Map.of("type", "numeric", "expected", "x", "tolerance", -1, "pattern", "p")))
			.containsOnlyKeys("grader.expected", "grader.tolerance", "grader.pattern");
	}

	@Test
	void recordsAreValidatedAtCreationToo() {
		assertThatThrownBy(() -> new RegexRule("[")).isInstanceOf(InvalidGradingRuleException.class)
			.hasMessageContaining("grader.pattern");
		assertThatThrownBy(() -> new NumericRule("five")).isInstanceOf(InvalidGradingRuleException.class);
		assertThatThrownBy(() -> new ContainsRule(null, null)).isInstanceOf(InvalidGradingRuleException.class);
		assertThatThrownBy(() -> new JsonRule(Arrays.asList("a", null)))
			.isInstanceOf(InvalidGradingRuleException.class);
	}

	private static Map<String, String> errors(Map<String, ?> form) {
		try {
			GradingRules.parse(form);
		}
		catch (InvalidGradingRuleException ex) {
			return ex.fieldErrors();
		}
		throw new AssertionError("expected " + form + " to be rejected");
	}

}
