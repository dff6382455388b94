package org.tokenyield.grading;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerExtractionTests {

	@Test
	void lastBoxedKeepsNestedBraces() {
		String text = AnswerText.fold("First \\boxed{1}. Then $\\boxed{\\frac{3}{4} + {x}}$ done.");
		assertThat(AnswerExtraction.lastBoxed(text)).contains("\\frac{3}{4} + {x}");
	}

	@Test
	void truncatedLastBoxedFallsBackToTheEarlierBalancedOne() {
		assertThat(AnswerExtraction.lastBoxed("\\boxed{12} and then \\boxed{13")).contains("12");
	}

	@Test
	void escapedBracesDoNotCloseTheBox() {
		assertThat(AnswerExtraction.lastBoxed("\\boxed{\\{1, 2\\}}")).contains("\\{1, 2\\}");
	}

	@Test
	void boxedWinsOverAnswerLine() {
		assertThat(AnswerExtraction.answerOrLastLine("\\boxed{7}\nAnswer: 8")).isEqualTo("7");
	}

	@Test
	void lastAnswerLineWithBoldLabelAndBoldValue() {
		assertThat(AnswerExtraction.lastAnswerLine("Answer: 1\nreasoning\n**Answer:** 42")).contains("42");
		assertThat(AnswerExtraction.lastAnswerLine("Answer: **42**")).contains("42");
		assertThat(AnswerExtraction.lastAnswerLine("**Final Answer**: `Paris`")).contains("Paris");
		assertThat(AnswerExtraction.lastAnswerLine("final answer: Lyon")).contains("Lyon");
	}

	@Test
	void labelAloneOnItsLineTakesTheNextLine() {
		assertThat(AnswerExtraction.lastAnswerLine("reasoning\n### Final Answer\n\n**Rome**\n")).contains("Rome");
	}

	@Test
	void wordsStartingLikeTheLabelAreNotAnswerLines() {
		assertThat(AnswerExtraction.lastAnswerLine("Answers vary by region.")).isEmpty();
		assertThat(AnswerExtraction.answerOrLastLine("Answers vary.\nreally 5")).isEqualTo("really 5");
	}

	@Test
	void cjkAnswerLabelWithFullWidthColon() {
		String text = AnswerText.fold("考え方...\n答え：東京");
		assertThat(AnswerExtraction.lastAnswerLine(text)).contains("東京");
	}

	@Test
	void withoutMarkersOneLineRulesTakeTheLastNonEmptyLine() {
		assertThat(AnswerExtraction.answerOrLastLine("thinking\nParis\n\n  ")).isEqualTo("Paris");
		assertThat(AnswerExtraction.answerOrWholeText("thinking\nParis\n")).isEqualTo("thinking\nParis");
	}

	@Test
	void decorationIsStrippedInLayers() {
		assertThat(AnswerText.stripDecoration("**\"Paris\"**.")).isEqualTo("Paris");
		assertThat(AnswerText.stripDecoration("`x = 1`")).isEqualTo("x = 1");
		assertThat(AnswerText.stripDecoration("「東京」。")).isEqualTo("東京");
		assertThat(AnswerText.stripDecoration("\\text{Paris}")).isEqualTo("Paris");
	}

}
