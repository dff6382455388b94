package org.tokenyield.grading;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExactGradingTests {

	private final ExactRule paris = new ExactRule("Paris");

	@ParameterizedTest
	@ValueSource(strings = { "Paris", "paris", "  PARIS.  ", "**Paris**", "\"Paris\"", "`Paris`",
			"I think about it.\nAnswer: **Paris**", "\\boxed{\\text{Paris}}", "Ｐａｒｉｓ", "Final answer: _Paris_.",
			"The final answer: Paris" })
	void acceptsTheSameAnswerDressedDifferently(String answer) {
		assertThat(Grading.grade(this.paris, answer).score()).isEqualTo(1.0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Lyon", "Paris, France", "Answer: Paris\nAnswer: Lyon", "", "   " })
	void rejectsOtherAnswers(String answer) {
		assertThat(Grading.grade(this.paris, answer).score()).isEqualTo(0.0);
	}

	@Test
	void nullTextScoresZero() {
		assertThat(Grading.grade(this.paris, null)).isEqualTo(new Grade(0, ""));
	}

	@Test
	void innerWhitespaceIsCollapsed() {
		assertThat(Grading.grade(new ExactRule("New York"), "Answer: new   york").score()).isEqualTo(1.0);
		assertThat(Grading.grade(new ExactRule("New York"), "Answer: newyork").score()).isEqualTo(0.0);
	}

	@Test
	void cjkAnswersCompareAfterNfkc() {
		ExactRule tokyo = new ExactRule("東京");
		assertThat(Grading.grade(tokyo, "首都はどこか考えます。\n答え：東京").score()).isEqualTo(1.0);
		assertThat(Grading.grade(tokyo, "東京。").score()).isEqualTo(1.0);
		assertThat(Grading.grade(tokyo, "京都").score()).isEqualTo(0.0);
		// Half-width katakana folds to full width under NFKC.
		assertThat(Grading.grade(new ExactRule("カタカナ"), "ｶﾀｶﾅ").score()).isEqualTo(1.0);
	}

	@Test
	void caseFoldingHandlesSharpS() {
		assertThat(Grading.grade(new ExactRule("STRASSE"), "straße").score()).isEqualTo(1.0);
	}

	@Test
	void extractedAnswerIsTheComparedLineWithoutDecoration() {
		assertThat(Grading.grade(this.paris, "Let me think.\n**Answer:** *Paris*.").extractedAnswer())
			.isEqualTo("Paris");
	}

}
