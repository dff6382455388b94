package org.tokenyield.grading;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalAnswerTests {

	static List<GradingRule> derivable() {
		return List.of(new ExactRule("東京"), new ExactRule("\"Hello, World.\""), new NumericRule("1,000"),
				new NumericRule("\\frac{3}{4}"), new NumericRule("50%"), new NumericRule("-2.5e3"),
				new ChoiceRule("D", List.of("a", "b", "c", "d")),
				new ContainsRule(List.of("cause", "effect"), List.of("x", "y")),
				new ContainsRule(List.of(), List.of("only")), new JsonRule(List.of("name", "a \"quoted\" key")),
				new JsonRule(List.of()));
	}

	@ParameterizedTest
	@MethodSource("derivable")
	void canonicalAnswerGradesFullyCorrect(GradingRule rule) {
		String answer = Grading.canonicalAnswer(rule).orElseThrow();
		assertThat(Grading.grade(rule, answer).score()).as(answer).isEqualTo(1.0);
	}

	@Test
	void regexAndJudgeHaveNoCanonicalAnswer() {
		assertThat(Grading.canonicalAnswer(new RegexRule("a+"))).isEmpty();
		assertThat(Grading.canonicalAnswer(new JudgeRule("r"))).isEmpty();
	}

	@Test
	void normalizedAnswersGroupTheSameReading() {
		ExactRule exact = new ExactRule("Paris");
		assertThat(Grading.normalizedAnswer(exact, "**PARIS**."))
			.isEqualTo(Grading.normalizedAnswer(exact, "thinking...\nAnswer: paris"))
			.isEqualTo("paris");
		ChoiceRule choice = new ChoiceRule("B");
		assertThat(Grading.normalizedAnswer(choice, "(b)")).isEqualTo("B");
		assertThat(Grading.normalizedAnswer(choice, "no idea")).isEmpty();
		assertThat(Grading.normalizedAnswer(new JudgeRule("r"), "Reasoning\nAnswer: **Yes**")).isEqualTo("yes");
	}

}
