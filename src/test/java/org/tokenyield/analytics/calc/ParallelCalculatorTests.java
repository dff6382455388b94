package org.tokenyield.analytics.calc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.answer;
import static org.tokenyield.analytics.calc.Fixtures.run;

class ParallelCalculatorTests {

	private final ParallelCalculator parallel = new ParallelCalculator();

	@Test
	void passAllKHandValues() {
		assertThat(ParallelCalculator.passAllK(3, 2, 1)).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(ParallelCalculator.passAllK(3, 2, 2)).isCloseTo(1.0 / 3, within(1e-12)); // C(2,2)/C(3,2)
		assertThat(ParallelCalculator.passAllK(3, 2, 3)).isZero();
		assertThat(ParallelCalculator.passAllK(10, 7, 4)).isCloseTo(35.0 / 210, within(1e-12)); // C(7,4)/C(10,4)
		assertThat(ParallelCalculator.passAllK(5, 5, 5)).isEqualTo(1.0);
		assertThat(ParallelCalculator.passAllK(5, 0, 1)).isZero();
		// never above pass@k, equal at k = 1
		assertThat(ParallelCalculator.passAllK(10, 7, 1)).isEqualTo(ParallelCalculator.passAtK(10, 7, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> ParallelCalculator.passAllK(3, 1, 4));
	}

	@Test
	void passAtKHandValues() {
		assertThat(ParallelCalculator.passAtK(3, 1, 1)).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(ParallelCalculator.passAtK(3, 1, 2)).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(ParallelCalculator.passAtK(3, 1, 3)).isEqualTo(1.0);
		assertThat(ParallelCalculator.passAtK(10, 3, 4)).isCloseTo(1 - 35.0 / 210, within(1e-12));
		assertThat(ParallelCalculator.passAtK(5, 0, 5)).isZero();
		assertThat(ParallelCalculator.passAtK(5, 5, 1)).isEqualTo(1.0);
		// large n stays finite where factorials would overflow
		assertThat(ParallelCalculator.passAtK(400, 1, 200)).isCloseTo(0.5, within(1e-12));
		assertThatIllegalArgumentException().isThrownBy(() -> ParallelCalculator.passAtK(3, 1, 4));
	}

	@Test
	void majorityTiesGoToTheAnswerSeenFirst() {
		List<RunObservation> samples = List.of(answer(1, 0, "B", false), answer(1, 1, "A", true),
				answer(1, 2, "A", true), answer(1, 3, "B", false));
		assertThat(majorityAt(samples, 1)).isFalse(); // B
		assertThat(majorityAt(samples, 2)).isFalse(); // B 1, A 1: B came first
		assertThat(majorityAt(samples, 3)).isTrue(); // A 2, B 1
		assertThat(majorityAt(samples, 4)).isFalse(); // 2-2: B came first
	}

	@Test
	void runsWithoutAnswerAbstain() {
		List<RunObservation> samples = List.of(answer(1, 0, null, false), answer(1, 1, "7", true),
				answer(1, 2, null, false), answer(1, 3, "8", false));
		assertThat(majorityAt(samples, 1)).isFalse(); // nobody voted
		assertThat(majorityAt(samples, 2)).isTrue();
		assertThat(majorityAt(samples, 4)).isTrue(); // 7 vs 8 tie, 7 first
	}

	@Test
	void curveAveragesOverPromptsWithEnoughSamples() {
		List<RunObservation> runs = List.of(answer(1, 0, "x", false), answer(1, 2, "y", true), // sample
																								// 1
																								// failed
				answer(1, 3, "x", false), answer(2, 0, "z", true), run(2, 1, 300.0, null)); // ungraded:
																							// tokens
																							// only
		ParallelCurve c = this.parallel.curve(runs);
		assertThat(c.prompts()).isEqualTo(2);
		assertThat(c.meanTokens()).isCloseTo((100 + 200) / 2.0, within(1e-12));
		assertThat(c.points()).extracting(ParallelPoint::k).containsExactly(1, 2, 3);
		assertThat(c.points()).extracting(ParallelPoint::prompts).containsExactly(2, 1, 1);
		assertThat(c.points().get(0).passAtK()).isCloseTo((1.0 / 3 + 1) / 2, within(1e-12));
		assertThat(c.points().get(1).passAtK()).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(c.points().get(2).passAtK()).isEqualTo(1.0);
		assertThat(c.points()).extracting(ParallelPoint::majorityAtK).containsExactly(0.5, 0.0, 0.0);
		assertThat(c.points().get(0).passAllK()).isCloseTo((1.0 / 3 + 1) / 2, within(1e-12));
		assertThat(c.points().get(1).passAllK()).isZero();
		assertThat(c.points().get(2).passAllK()).isZero();
		assertThat(c.points()).extracting(ParallelPoint::tokens).containsExactly(150.0, 300.0, 450.0);
	}

	@Test
	void oneSamplePerPrompt() {
		ParallelCurve c = this.parallel.curve(List.of(answer(1, 0, "a", true), answer(2, 0, "b", false)));
		assertThat(c.points()).hasSize(1);
		assertThat(c.points().get(0).passAtK()).isEqualTo(0.5);
		assertThat(c.points().get(0).majorityAtK()).isEqualTo(0.5);
	}

	/**
	 * Two prompts, two graded samples each, no run carrying an answer (as imports without
	 * one): pass@1 = (1/2 + 2/2) / 2 = 0.75, pass@2 = (1 + 1) / 2 = 1, pass^2 = (0 + 1) /
	 * 2 = 0.5, and majority@k is not available, never 0.
	 */
	@Test
	void majorityIsNotAvailableWhenNoRunCarriesAnAnswer() {
		ParallelCurve c = this.parallel.curve(List.of(answer(1, 0, null, true), answer(1, 1, null, false),
				answer(2, 0, null, true), answer(2, 1, null, true)));
		assertThat(c.points()).extracting(ParallelPoint::passAtK).containsExactly(0.75, 1.0);
		assertThat(c.points()).extracting(ParallelPoint::passAllK).containsExactly(0.75, 0.5);
		assertThat(c.points()).extracting(ParallelPoint::majorityAtK).containsExactly(null, null);
	}

	/**
	 * An answer that was read and gave no voting key ("") abstains, but the config did
	 * answer: prompt 1 votes "7" (right) at k = 1 and 2; prompt 2 only abstains, so its
	 * vote is wrong. majority@1 = majority@2 = 1/2.
	 */
	@Test
	void anAbstainingAnswerStillMakesMajorityAvailable() {
		ParallelCurve c = this.parallel.curve(List.of(answer(1, 0, "7", true), answer(1, 1, "", false),
				answer(2, 0, "", false), answer(2, 1, "", true)));
		assertThat(c.points()).extracting(ParallelPoint::majorityAtK).containsExactly(0.5, 0.5);
		ParallelCurve none = this.parallel.curve(List.of(answer(1, 0, "", false), answer(1, 1, null, true)));
		assertThat(none.points()).extracting(ParallelPoint::majorityAtK).containsExactly(0.0, 0.0);
	}

	/**
	 * Only graded runs vote: an answer on an ungraded run does not make majority
	 * available.
	 */
	@Test
	void anUngradedRunsAnswerDoesNotCount() {
		ParallelCurve c = this.parallel
			.curve(List.of(answer(1, 0, null, true), new RunObservation(1, 1, 100.0, null, "7")));
		assertThat(c.points()).extracting(ParallelPoint::majorityAtK).containsExactly((Double) null);
	}

	@Test
	void noRuns() {
		ParallelCurve c = this.parallel.curve(List.of());
		assertThat(c.prompts()).isZero();
		assertThat(c.meanTokens()).isNull();
		assertThat(c.points()).isEmpty();
	}

	/**
	 * majority@k of one prompt's samples, through the curve: 1 when the vote is right,
	 * else 0.
	 */
	private static boolean majorityAt(List<RunObservation> samples, int k) {
		return new ParallelCalculator().curve(samples).points().get(k - 1).majorityAtK() == 1.0;
	}

}
