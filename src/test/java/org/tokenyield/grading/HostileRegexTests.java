package org.tokenyield.grading;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member's pattern cannot outrun its bound (docs/security.md). Patterns that need
 * backtracking are refused when submitted; what is accepted matches in linear time.
 */
class HostileRegexTests {

	/**
	 * The probe's pattern: empty alternatives double the work per group, and nothing
	 * reads a character.
	 */
	static String emptyGroups(int n) {
		return "^.{3}(?=.)|" + "(?:|)".repeat(n) + "(?!)";
	}

	private static Map<String, String> errors(String pattern) {
		try {
			GradingRules.parse(Map.of("type", "regex", "pattern", pattern));
			return Map.of();
		}
		catch (InvalidGradingRuleException ex) {
			return ex.fieldErrors();
		}
	}

	@Test
	void lookaroundAndBackreferencesAreRefusedWhenSubmitted() {
		assertThat(errors(emptyGroups(40))).containsOnlyKeys("grader.pattern");
		assertThat(errors(emptyGroups(40)).get("grader.pattern")).contains("RE2 syntax: no lookaround");
		assertThat(errors("(a)\\1")).containsOnlyKeys("grader.pattern");
		assertThat(errors("a(?<=a)b")).containsOnlyKeys("grader.pattern");
		assertThatThrownBy(() -> new RegexRule("x(?!y)")).isInstanceOf(InvalidGradingRuleException.class);
	}

	@Test
	void repetitionsThatExpandTooFarAreRefused() {
		assertThat(errors("((a{100}){100}){100}")).containsOnlyKeys("grader.pattern");
		assertThat(errors("((a{80}){80})").get("grader.pattern")).contains("too complex");
		assertThat(errors("\\d{1,3}(,\\d{3})*")).isEmpty();
	}

	/**
	 * RE2 expands counted repetitions while it compiles: this pattern alone took GBs
	 * before its program size could be read. Its cost is read from its syntax, so the
	 * refusal names the estimate and nothing is compiled.
	 */
	@Test
	void nestedCountsAreRefusedFromTheirSyntaxBeforeAnythingIsCompiled() {
		String probe = "((a{1000}){1000}){1000}";
		assertThat(errors(probe)).containsOnlyKeys("grader.pattern");
		assertThat(errors(probe).get("grader.pattern")).contains("too complex").contains("1,002,002,002 steps");
		// every stored rule is read through the record, so a run or a regrade refuses it
		// the same way
		assertThatThrownBy(() -> new RegexRule(probe)).isInstanceOf(InvalidGradingRuleException.class)
			.hasMessageContaining("grader.pattern");
	}

	/**
	 * Linear by construction rather than by a stopwatch: RE2 walks its compiled program
	 * once per character, so a match costs at most the program's size times the text it
	 * reads; the program is at most {@code MAX_PROGRAM} steps and the text is clipped to
	 * {@code MAX_TEXT} characters.
	 */
	@Test
	void whatIsAcceptedMatchesInLinearTime() {
		// the empty groups without lookaround, nested quantifiers, many alternatives: all
		// accepted, and each gives its answer on a text that backtracking would not
		// finish
		Map<String, Double> scores = new LinkedHashMap<>();
		scores.put("^.{3}|" + "(?:|)".repeat(80) + "x$", 1.0);
		scores.put("^(a+)+$", 0.0);
		scores.put("^(a|a)*b$", 0.0);
		scores.put("(x+x+)+y", 0.0);
		scores.put("(?i)(\\w+\\s*)*!$", 1.0);
		String text = "a".repeat(100_000) + "!";
		scores.forEach((pattern, score) -> {
			assertThat(errors(pattern)).as(pattern).isEmpty();
			assertThat(RegexAnswers.compile(pattern).programSize()).as(pattern)
				.isLessThanOrEqualTo(RuleConstraints.MAX_PROGRAM);
			RegexRule rule = new RegexRule(pattern);
			assertThat(Grading.grade(rule, text).score()).as(pattern).isEqualTo(score);
			Grading.votingKey(rule, text);
		});
	}

	@Test
	void aMatchReadsNoMoreThanTheClippedText() {
		RegexRule rule = new RegexRule("b");
		assertThat(Grading.grade(rule, "a".repeat(RegexAnswers.MAX_TEXT - 1) + "b").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "a".repeat(RegexAnswers.MAX_TEXT) + "b").score()).isEqualTo(0.0);
	}

	@Test
	void theStarterPatternsAndTheDocumentedExamplesStillWork() {
		assertThat(Grading.grade(new RegexRule("(?i)\\bc[^/]*/\\s*a[^/]*/\\s*t"), "C-word / a-word / t-word").score())
			.isEqualTo(1.0);
		assertThat(Grading.grade(new RegexRule("(?i)o\\(n log n\\)"), "It is O(n log n).").extractedAnswer())
			.isEqualTo("O(n log n)");
		assertThat(Grading.votingKey(new NumericRule("1000", 0), "1,000"))
			.isEqualTo(Grading.votingKey(new NumericRule("1000", 0), "1000"));
		assertThat(Grading.votingKey(new RegexRule("4\\d"), "")).isEmpty();
	}

}
