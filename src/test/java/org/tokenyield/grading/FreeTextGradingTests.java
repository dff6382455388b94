package org.tokenyield.grading;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Regex, contains and JSON rules: the ones that read more than one line. */
class FreeTextGradingTests {

	@Test
	void regexIsFoundInTheExtractedAnswer() {
		RegexRule rule = new RegexRule("(?i)o\\(n log n\\)");
		assertThat(Grading.grade(rule, "Merge sort runs in O(n log n) time.").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "Merge sort runs in O(n log n) time.").extractedAnswer())
			.isEqualTo("O(n log n)");
		assertThat(Grading.grade(rule, "It is quadratic.").score()).isEqualTo(0.0);
	}

	@Test
	void regexLooksOnlyAtTheAnswerLineWhenThereIsOne() {
		RegexRule rule = new RegexRule("^42$");
		assertThat(Grading.grade(rule, "Maybe 41?\nAnswer: 42").score()).isEqualTo(1.0);
		assertThat(Grading.grade(new RegexRule("41"), "Maybe 41?\nAnswer: 42").score()).isEqualTo(0.0);
	}

	@Test
	void regexWorksOnCjkWithoutWordBoundaries() {
		RegexRule rule = new RegexRule("東京(都)?");
		assertThat(Grading.grade(rule, "日本の首都は東京都です。").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "日本の首都は東京都です。").extractedAnswer()).isEqualTo("東京都");
		assertThat(Grading.grade(rule, "日本の首都は京都です。").score()).isEqualTo(0.0);
	}

	@Test
	void regexSeesFullWidthDigitsAsDigits() {
		assertThat(Grading.grade(new RegexRule("^\\d{3}$"), "１２３").score()).isEqualTo(1.0);
	}

	/**
	 * RE2 never backtracks: the pattern is answered, not timed out (HostileRegexTests).
	 */
	@Test
	void catastrophicBacktrackingScoresZeroInsteadOfHanging() {
		RegexRule rule = new RegexRule("^(a+)+$");
		String evil = "a".repeat(40) + "!";
		assertThat(Grading.grade(rule, evil).score()).isEqualTo(0.0);
	}

	@Test
	void containsAllNeedsEveryTermCaseInsensitively() {
		ContainsRule rule = new ContainsRule(List.of("Mitochondria", "ATP"), List.of());
		assertThat(Grading.grade(rule, "The MITOCHONDRIA make atp.").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "The mitochondria make energy.").score()).isEqualTo(0.0);
	}

	@Test
	void containsAnyNeedsOneTerm() {
		ContainsRule rule = new ContainsRule(List.of(), List.of("colour", "color"));
		assertThat(Grading.grade(rule, "The COLOR red").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "The hue red").score()).isEqualTo(0.0);
	}

	@Test
	void containsAllAndAnyTogether() {
		ContainsRule rule = new ContainsRule(List.of("paris"), List.of("capital", "首都"));
		assertThat(Grading.grade(rule, "パリ (Paris) はフランスの首都").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "Paris is large").score()).isEqualTo(0.0);
	}

	@Test
	void containsFoldsWidthAndWhitespace() {
		ContainsRule rule = new ContainsRule(List.of("New York", "東京"), List.of());
		assertThat(Grading.grade(rule, "ＮＥＷ\u3000  york and 東京").score()).isEqualTo(1.0);
	}

	@Test
	void jsonInAFenceWithRequiredFields() {
		JsonRule rule = new JsonRule(List.of("name", "age"));
		String answer = "Here you go:\n```json\n{\"name\": \"Ada\", \"age\": 36, \"tags\": [\"x\"]}\n```\nDone.";
		Grade grade = Grading.grade(rule, answer);
		assertThat(grade.score()).isEqualTo(1.0);
		assertThat(grade.extractedAnswer()).isEqualTo("{\"age\":36,\"name\":\"Ada\",\"tags\":[\"x\"]}");
	}

	@Test
	void jsonInlineWithBracesInStrings() {
		JsonRule rule = new JsonRule(List.of("expr"));
		assertThat(Grading.grade(rule, "Result: {\"expr\": \"a } b {\"} as requested").score()).isEqualTo(1.0);
	}

	@Test
	void jsonMissingRequiredFieldScoresZero() {
		assertThat(Grading.grade(new JsonRule(List.of("name", "age")), "{\"name\": \"Ada\"}").score()).isEqualTo(0.0);
	}

	@Test
	void malformedJsonScoresZero() {
		JsonRule rule = new JsonRule(List.of());
		assertThat(Grading.grade(rule, "{'name': 'Ada'}").score()).isEqualTo(0.0);
		assertThat(Grading.grade(rule, "{\"name\": \"Ada\",}").score()).isEqualTo(0.0);
		assertThat(Grading.grade(rule, "```json\n{\"name\": \n```").score()).isEqualTo(0.0);
		assertThat(Grading.grade(rule, "[1, 2, 3]").score()).isEqualTo(0.0);
		assertThat(Grading.grade(rule, "{".repeat(5000)).score()).isEqualTo(0.0);
		assertThat(Grading.grade(rule, null).score()).isEqualTo(0.0);
	}

	@Test
	void jsonFirstObjectWinsAndEqualObjectsNormalizeTheSame() {
		JsonRule rule = new JsonRule(List.of("a"));
		assertThat(Grading.grade(rule, "{\"b\": 1} then {\"a\": 1}").score()).isEqualTo(0.0);
		assertThat(Grading.normalizedAnswer(rule, "{\"a\": 1, \"b\": {\"d\": 2, \"c\": 3}}"))
			.isEqualTo(Grading.normalizedAnswer(rule, "```\n{\"b\":{\"c\":3,\"d\":2},\"a\":1}\n```"));
	}

}
