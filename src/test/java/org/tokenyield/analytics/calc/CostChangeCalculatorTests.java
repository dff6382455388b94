package org.tokenyield.analytics.calc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostChangeCalculatorTests {

	private final CostChangeCalculator calculator = new CostChangeCalculator();

	/**
	 * X at $1 / $10 per MTok (input / output), Y charged at $2 / $20. Two runs per prompt
	 * and side. X: input 100, generated 300 of which 200 reasoning, so a run costs 100 ·
	 * 1e-6 + 300 · 1e-5 = 0.0031; prompt 1 right twice, prompt 2 never. Y: input 120,
	 * generated 500 of which 400 reasoning, a run costs 120 · 2e-6 + 500 · 2e-5 =
	 * 0.01024; prompt 1 right twice, prompt 2 once. Prompt 3 is X's only: not paired.
	 * <pre>
	 * A_X = 2/4 = 0.5, C_X = 0.0031, cost per correct 0.0062
	 * A_Y = 3/4,       C_Y = 0.01024, cost per correct 0.01024 / 0.75 = 0.0136533…
	 * input     = (120 − 100) · 1e-6 / 0.5                    = 0.00004
	 * reasoning = (400 − 200) · 1e-5 / 0.5                    = 0.004
	 * answer    = (100 − 100) · 1e-5 / 0.5                    = 0
	 * price     = (0.01024 − (120e-6 + 500e-5) − 0) / 0.5     = 0.01024
	 * accuracy  = 0.01024 · (1 / 0.75 − 1 / 0.5)              = −0.0068266…
	 * total     = 0.0136533… − 0.0062                        = 0.0074533…
	 * </pre>
	 */
	@Test
	void theFiveTermsAreHandComputedAndAddUpToTheChangeInCostPerCorrect() {
		List<PromptMeans> x = List.of(side(1, 2, 100, 300, 200.0, 2, 0.0062), side(2, 2, 100, 300, 200.0, 0, 0.0062),
				side(3, 2, 100, 300, 200.0, 2, 0.0062));
		List<PromptMeans> y = List.of(side(1, 2, 120, 500, 400.0, 2, 0.02048), side(2, 2, 120, 500, 400.0, 1, 0.02048));
		CostChange c = this.calculator.compare(x, y, 1, 10, 7L);

		assertThat(c.prompts()).isEqualTo(2);
		assertThat(c.fromCostPerCorrect()).isCloseTo(0.0124 / 2, within(1e-15));
		assertThat(c.toCostPerCorrect()).isCloseTo(0.04096 / 3, within(1e-15));
		assertThat(c.input().value()).isCloseTo(0.00004, within(1e-15));
		assertThat(c.reasoning().value()).isCloseTo(0.004, within(1e-15));
		assertThat(c.answer().value()).isCloseTo(0, within(1e-15));
		assertThat(c.price().value()).isCloseTo(0.01024, within(1e-15));
		assertThat(c.accuracy().value()).isCloseTo(0.01024 * (1 / 0.75 - 2), within(1e-15));
		assertThat(c.total().value()).isCloseTo(0.01024 / 0.75 - 0.0062, within(1e-15));
		assertThat(c.input().value() + c.reasoning().value() + c.answer().value() + c.price().value()
				+ c.accuracy().value())
			.isCloseTo(c.total().value(), within(1e-15));
		// resamples: {1, 1} gives A_X = 1 and reasoning 200 · 1e-5 / 1 = 0.002, {1, 2}
		// gives 0.004, {2, 2} has no correct run of X (undefined, dropped)
		assertThat(c.reasoning().ciLow()).isCloseTo(0.002, within(1e-15));
		assertThat(c.reasoning().ciHigh()).isCloseTo(0.004, within(1e-15));
	}

	/**
	 * Unreported reasoning counts as answer: X generates 300 (reasoning unknown), Y 200
	 * of which 50 reasoning, same price ($10 / MTok out, input free), one run each, both
	 * right: reasoning = (50 − 0) · 1e-5 = 0.0005, answer = (150 − 300) · 1e-5 = −0.0015,
	 * price 0 (both charged at list), accuracy 0, total = 0.002 − 0.003 = −0.001.
	 */
	@Test
	void unreportedReasoningIsCountedAsAnswer() {
		CostChange c = this.calculator.compare(List.of(side(1, 1, 10, 300, null, 1, 0.003)),
				List.of(side(1, 1, 10, 200, 50.0, 1, 0.002)), 0, 10, 1L);
		assertThat(c.reasoning().value()).isCloseTo(0.0005, within(1e-15));
		assertThat(c.answer().value()).isCloseTo(-0.0015, within(1e-15));
		assertThat(c.price().value()).isCloseTo(0, within(1e-15));
		assertThat(c.accuracy().value()).isCloseTo(0, within(1e-15));
		assertThat(c.total().value()).isCloseTo(-0.001, within(1e-15));
	}

	@Test
	void aSideWithoutACorrectRunHasNoCostChange() {
		assertThat(this.calculator.compare(List.of(side(1, 1, 10, 300, null, 0, 0.003)),
				List.of(side(1, 1, 10, 200, 50.0, 1, 0.002)), 0, 10, 1L))
			.isNull();
		assertThat(this.calculator.compare(List.of(side(1, 1, 10, 300, null, 1, 0.003)),
				List.of(side(2, 1, 10, 200, 50.0, 1, 0.002)), 0, 10, 1L))
			.isNull();
	}

	private static PromptMeans side(long id, int runs, double input, double generated, Double reasoning, int correct,
			double cost) {
		return new PromptMeans(id, "math", input, generated, reasoning, correct / (double) runs, runs, correct, cost);
	}

}
