package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TiedSettingCalculatorTests {

	private final TiedSettingCalculator calculator = new TiedSettingCalculator();

	/**
	 * Four prompts, one run each. <pre>
	 * setting  scores              A     tokens  cost/run  gap to high (per prompt)
	 * low      0.7 each            0.7   50      0.0005    −0.1 each: [−0.1, −0.1], not tied
	 * mid      0.79 each           0.79  100     0.001     −0.01 each: [−0.01, −0.01], within ε
	 * high     0.8 each            0.8   400     0.004     the most accurate (fewer tokens than alt)
	 * alt      1, 0.6, 1, 0.6      0.8   500     0.003     ±0.2: [−0.2, +0.2] includes 0 (4 draws
	 *                                                      all −0.2 happen 1 time in 16)
	 * </pre> Tied: mid, high, alt; cheapest mid, 4 correct runs (0.79 >= 0.5) for 0.004:
	 * 0.001 per correct answer; it saves 1000 · (0.004 − 0.001) = 3 USD per 1,000
	 * prompts.
	 */
	@Test
	void theCheapestSettingTiedWithTheMostAccurateOne() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("low", setting(50, 0.0005, 0.7, 0.7, 0.7, 0.7));
		sweep.put("mid", setting(100, 0.001, 0.79, 0.79, 0.79, 0.79));
		sweep.put("high", setting(400, 0.004, 0.8, 0.8, 0.8, 0.8));
		sweep.put("alt", setting(500, 0.003, 1, 0.6, 1, 0.6));
		TiedSetting t = this.calculator.cheapest(sweep, 11L);

		assertThat(t.setting()).isEqualTo("mid");
		assertThat(t.accuracyGap().value()).isCloseTo(-0.01, within(1e-12));
		assertThat(t.accuracyGap().ciLow()).isCloseTo(-0.01, within(1e-12));
		assertThat(t.accuracyGap().ciHigh()).isCloseTo(-0.01, within(1e-12));
		assertThat(t.costPerCorrect()).isCloseTo(0.001, within(1e-15));
		assertThat(t.savingsPer1000()).isCloseTo(3.0, within(1e-12));

		// without mid, alt is the other tie, cheaper than high (0.003 < 0.004 per run)
		sweep.remove("mid");
		TiedSetting alt = this.calculator.cheapest(sweep, 11L);
		assertThat(alt.setting()).isEqualTo("alt");
		assertThat(alt.accuracyGap().value()).isCloseTo(0, within(1e-12));
		assertThat(alt.accuracyGap().ciLow()).isCloseTo(-0.2, within(1e-12));
		assertThat(alt.accuracyGap().ciHigh()).isCloseTo(0.2, within(1e-12));
		// 1000 · (0.004 − 0.003)
		assertThat(alt.savingsPer1000()).isCloseTo(1.0, within(1e-12));
	}

	/**
	 * Only the most accurate setting ties with itself: a gap of exactly 0, no savings.
	 */
	@Test
	void whenNothingCheaperTiesTheMostAccurateSettingIsItsOwnAnswer() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("low", setting(50, 0.0005, 0.7, 0.7, 0.7, 0.7));
		sweep.put("high", setting(400, 0.004, 0.8, 0.8, 0.8, 0.8));
		TiedSetting t = this.calculator.cheapest(sweep, 11L);
		assertThat(t.setting()).isEqualTo("high");
		assertThat(t.accuracyGap()).isEqualTo(Estimate.of(0, 0, 0));
		// 4 correct runs (0.8 >= 0.5) for 4 · 0.004
		assertThat(t.costPerCorrect()).isCloseTo(0.016 / 4, within(1e-15));
		assertThat(t.savingsPer1000()).isZero();
	}

	@Test
	void oneSettingHasNoTiedSetting() {
		assertThat(this.calculator.cheapest(Map.of("only", setting(50, 0.001, 1, 1, 1, 1)), 1L)).isNull();
	}

	/**
	 * One run per prompt at {@code costPerRun}; correct when the score is at least 0.5.
	 */
	private static List<PromptMeans> setting(double tokens, double costPerRun, double... scores) {
		List<PromptMeans> out = new ArrayList<>();
		for (int p = 0; p < scores.length; p++) {
			out.add(new PromptMeans(p + 1, "math", 10.0, tokens, null, scores[p], 1, scores[p] >= 0.5 ? 1 : 0,
					costPerRun));
		}
		return out;
	}

}
