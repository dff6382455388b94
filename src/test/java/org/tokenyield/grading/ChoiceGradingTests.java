package org.tokenyield.grading;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChoiceGradingTests {

	private final ChoiceRule b = new ChoiceRule("B", List.of("Lyon", "Paris", "Marseille", "Nice"));

	@ParameterizedTest
	@ValueSource(strings = { "B", "b", "(B)", "B)", "B.", "[B]", "**B**", "Answer: B", "**Answer:** (B)",
			"The answer is B.", "Reasoning...\nThe correct answer is **B**.", "B) Paris", "(B) Paris", "\\boxed{B}",
			"\\boxed{\\text{B}}", "Paris", "Answer: paris.", "答案：B", "答案是B", "I would go with (B) here.", "Ｂ",
			"Looking at A and C, neither fits.\nSo the answer is (B)" })
	void recognisesTheLetter(String answer) {
		assertThat(Grading.grade(this.b, answer).score()).as(answer).isEqualTo(1.0);
		assertThat(Grading.grade(this.b, answer).extractedAnswer()).isEqualTo("B");
	}

	@ParameterizedTest
	@ValueSource(strings = { "A", "(C) Marseille", "Lyon", "The answer is A.", "Answer: D", "", "I am not sure.",
			"the answer is a good question" })
	void otherOrNoLetterScoresZero(String answer) {
		assertThat(Grading.grade(this.b, answer).score()).as(answer).isEqualTo(0.0);
	}

	@Test
	void articleAIsNotReadAsOptionA() {
		assertThat(Grading.normalizedAnswer(new ChoiceRule("A"), "the answer is a cat")).isEmpty();
	}

	@Test
	void optionTextMatchingTwoOptionsNamesNone() {
		ChoiceRule rule = new ChoiceRule("A", List.of("yes", "Yes"));
		assertThat(Grading.grade(rule, "yes").score()).isEqualTo(0.0);
	}

	@Test
	void withoutOptionsOnlyLettersCount() {
		ChoiceRule rule = new ChoiceRule("c");
		assertThat(rule.expected()).isEqualTo("C");
		assertThat(Grading.grade(rule, "Final answer: C").score()).isEqualTo(1.0);
		assertThat(Grading.grade(rule, "Paris").score()).isEqualTo(0.0);
	}

}
