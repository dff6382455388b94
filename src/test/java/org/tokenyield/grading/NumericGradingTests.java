package org.tokenyield.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NumericGradingTests {

	private static double score(String expected, String answer) {
		return Grading.grade(new NumericRule(expected), answer).score();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "42|Answer: **42**", "42|The total is 40 + 2 = 42.", "1000|1,000", "1000|1 000",
					"1000|Answer: 1\u202F000", "0.75|3/4", "0.75|\\frac{3}{4}", "0.75|$\\dfrac{3}{4}$",
					"0.75|\\boxed{3/4}", "-2500|-2.5e3", "-2500|−2500", "1234.5|$1,234.50", "-0.75|-\\frac{3}{4}",
					"42|４２", "2500|2.5 \\times 10^{3}", "1000|10^3", "42|so x = 7 and \\boxed{42} is it", "42|答案是42",
					"25|The area is 25 m²", "3/4|0.75", "1,000|1000", "0.5|50%", "50%|50", "50%|50%", "12|Answer: 12.",
					"7|\\boxed{\\text{7 apples}}", "1000|1{,}000", "5|€5", "0.001|1e-3", "2500|2.5 × 10^3" })
	void readsTheAnswer(String expected, String answer) {
		assertThat(score(expected, answer)).as("%s for expected %s", answer, expected).isEqualTo(1.0);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "42|43", "42|Answer: 42 or maybe 41", "0.75|3/5", "1000|100", "2500|-2500",
			"0.5|0.5%", "50%|0.5", "42|no idea", "42|''", "42|x2" })
	void rejectsWrongOrMissingNumbers(String expected, String answer) {
		assertThat(score(expected, answer)).as("%s for expected %s", answer, expected).isEqualTo(0.0);
	}

	@Test
	void theLastNumberOfTheExtractedAnswerCounts() {
		assertThat(score("5", "Step 1: 2+3 = 5\nStep 2: check 5")).isEqualTo(1.0);
		assertThat(score("5", "We get 5, then double it: 10")).isEqualTo(0.0);
	}

	@Test
	void toleranceIsAbsolute() {
		NumericRule rule = new NumericRule("3.14159", 0.01);
		assertThat(Grading.grade(rule, "pi is about 3.14").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "pi is about 3.1").score()).isEqualTo(0.0);
	}

	@Test
	void defaultToleranceStillAbsorbsFloatingPointNoise() {
		assertThat(score("0.3", "0.1 + 0.2 = 0.30000000000000004")).isEqualTo(1.0);
		assertThat(score("0.333333", "1/3")).isEqualTo(1.0);
		assertThat(score("0.3333", "1/3")).isEqualTo(0.0);
	}

	@Test
	void extractedAnswerIsTheNumberAsWritten() {
		assertThat(Grading.grade(new NumericRule("1000"), "So the answer: $1,000 total").extractedAnswer())
			.isEqualTo("$1,000");
	}

	@Test
	void normalizedAnswerMakesEquivalentFormsEqual() {
		NumericRule rule = new NumericRule("0.75");
		assertThat(Grading.normalizedAnswer(rule, "\\boxed{\\frac{3}{4}}")).isEqualTo("0.75");
		assertThat(Grading.normalizedAnswer(rule, "Answer: 0.750")).isEqualTo("0.75");
		assertThat(Grading.normalizedAnswer(rule, "75%")).isEqualTo("0.75");
		assertThat(Grading.normalizedAnswer(new NumericRule("1000"), "1,000")).isEqualTo("1000");
		assertThat(Grading.normalizedAnswer(rule, "no number here")).isEmpty();
	}

}
