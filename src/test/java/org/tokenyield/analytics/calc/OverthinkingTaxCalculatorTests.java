package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OverthinkingTaxCalculatorTests {

	private final OverthinkingTaxCalculator calculator = new OverthinkingTaxCalculator();

	/**
	 * Four prompts, two samples each. The baseline is the setting with the fewest tokens
	 * (low, listed second). At low prompts 1 and 2 are right twice (solved), prompt 3
	 * once, prompt 4 never. <pre>
	 * setting  generated per prompt   d_p vs low          Σ d    Σ d on 1, 2   tax
	 * high     300, 200, 500, 400     200, 100, 400, 300  1000   300           0.3
	 * mid      150, 150, 100, 100     50, 50, 0, 0        100    100           1.0
	 * </pre> extra tokens: 1000 / 4 = 250 and 100 / 4 = 25. mid's tax is 1 on every
	 * resample that draws prompt 1 or 2 (the others have Σ d = 0: undefined, dropped).
	 */
	@Test
	void theShareOfExtraTokensSpentOnPromptsTheBaselineAlreadySolved() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("high", setting(new double[] { 300, 200, 500, 400 }, 2, 2, 1, 0));
		sweep.put("low", setting(new double[] { 100, 100, 100, 100 }, 2, 2, 1, 0));
		sweep.put("mid", setting(new double[] { 150, 150, 100, 100 }, 2, 2, 2, 2));
		OverthinkingTax t = this.calculator.of(sweep, 5L);

		assertThat(t.baseline()).isEqualTo("low");
		assertThat(t.prompts()).isEqualTo(4);
		assertThat(t.solvedPrompts()).isEqualTo(2);
		assertThat(t.settings()).extracting(OverthinkingTax.Setting::setting).containsExactly("high", "mid");
		OverthinkingTax.Setting high = t.settings().get(0);
		assertThat(high.extraTokens()).isCloseTo(250, within(1e-12));
		assertThat(high.tax().value()).isCloseTo(0.3, within(1e-12));
		// every d_p > 0: each resample's share lies in [0, 1]
		assertThat(high.tax().ciLow()).isBetween(0.0, 0.3);
		assertThat(high.tax().ciHigh()).isBetween(0.3, 1.0);
		OverthinkingTax.Setting mid = t.settings().get(1);
		assertThat(mid.extraTokens()).isCloseTo(25, within(1e-12));
		assertThat(mid.tax()).isEqualTo(Estimate.of(1, 1, 1));
	}

	@Test
	void oneSettingHasNoTax() {
		assertThat(this.calculator.of(Map.of("only", setting(new double[] { 1, 2 }, 1, 1)), 1L)).isNull();
	}

	/**
	 * Prompts 1..n with these generated tokens, two runs each, {@code correct[p]} right.
	 */
	private static List<PromptMeans> setting(double[] generated, int... correct) {
		List<PromptMeans> out = new ArrayList<>();
		for (int p = 0; p < generated.length; p++) {
			out.add(new PromptMeans(p + 1, "math", 10.0, generated[p], null, correct[p] / 2.0, 2, correct[p], 0));
		}
		return out;
	}

}
