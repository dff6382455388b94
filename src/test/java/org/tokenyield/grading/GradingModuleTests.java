package org.tokenyield.grading;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The grading module alone: it depends on no other module and brings no beans of its own,
 * so it boots standalone and grades through its public API, a rule read from the form the
 * prompt API and the prompts table store, applied to a model's final text. The judge is
 * the one edge (a model call made by the runs module), answered here by a lambda.
 */
@ApplicationModuleTest(mode = BootstrapMode.STANDALONE)
// the readiness group names the run worker, which belongs to a module not started here
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class GradingModuleTests {

	@Test
	void aStoredRuleGradesAFinalAnswer() {
		GradingRule rule = GradingRules.parse(Map.of("type", "numeric", "expected", "391"));
		assertThat(GradingRules.toMap(rule)).containsEntry("type", "numeric").containsEntry("expected", "391");

		Grade right = Grading.grade(rule, "17 * 20 = 340 and 17 * 3 = 51.\nAnswer: **391**");
		assertThat(right.correct()).isTrue();
		assertThat(right.score()).isEqualTo(1.0);
		assertThat(right.extractedAnswer()).contains("391");

		Grade wrong = Grading.grade(rule, "17 * 23 is about 400.\nAnswer: 400");
		assertThat(wrong.correct()).isFalse();
		assertThat(wrong.score()).isZero();
	}

	@Test
	void aRuleWithFieldsOfAnotherTypeIsRefusedNamingTheField() {
		assertThatExceptionOfType(InvalidGradingRuleException.class)
			.isThrownBy(() -> GradingRules.parse(Map.of("type", "exact", "expected", "8", "tolerance", 0.5)))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsKey("grader.tolerance"));
	}

	@Test
	void aJudgeRuleIsScoredFromTheJudgesLastScoreLine() {
		JudgeRule rule = (JudgeRule) GradingRules
			.parse(Map.of("type", "judge", "rubric", "Names the three primary colours of light"));
		List<String> asked = new java.util.ArrayList<>();
		JudgeGrader grader = new JudgeGrader(prompt -> {
			asked.add(prompt);
			return new JudgeReply("Two of three colours are right.\nSCORE: 7", 300, 12);
		});

		JudgedGrade graded = grader.grade(rule, "Name the primary colours of light.", "Red, green and yellow.");

		assertThat(graded.grade().score()).isEqualTo(0.7);
		assertThat(graded.judgeInputTokens()).isEqualTo(300);
		assertThat(graded.judgeOutputTokens()).isEqualTo(12);
		assertThat(asked).singleElement()
			.asString()
			.contains("Names the three primary colours of light", "Red, green and yellow.");
	}

}
