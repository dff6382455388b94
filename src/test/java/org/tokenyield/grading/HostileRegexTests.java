package org.tokenyield.grading;

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

	@Test
	void whatIsAcceptedMatchesInLinearTime() {
		// the empty groups without lookaround, nested quantifiers, many alternatives: all
		// accepted
		String[] patterns = { "^.{3}|" + "(?:|)".repeat(80) + "x$", "^(a+)+$", "^(a|a)*b$", "(x+x+)+y",
				"(?i)(\\w+\\s*)*!$" };
		String text = "a".repeat(100_000) + "!";
		for (String pattern : patterns) {
			RegexRule rule = new RegexRule(pattern);
			long started = System.nanoTime();
			Grading.grade(rule, text);
			Grading.votingKey(rule, text);
			assertThat(System.nanoTime() - started).as(pattern).isLessThan(3_000_000_000L);
		}
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
