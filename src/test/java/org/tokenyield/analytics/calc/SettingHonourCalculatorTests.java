package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SettingHonourCalculatorTests {

	private final SettingHonourCalculator calculator = new SettingHonourCalculator();

	/**
	 * Per-prompt means of prompts 1..n with the given mean reasoning tokens (null: not
	 * reported).
	 */
	private static List<PromptMeans> reasoning(Double... perPrompt) {
		List<PromptMeans> out = new ArrayList<>();
		for (int i = 0; i < perPrompt.length; i++) {
			Double r = perPrompt[i];
			out.add(new PromptMeans(i + 1, "math", 50.0, r == null ? 100.0 : r + 100, r, 1.0, 1, 1, 0));
		}
		return out;
	}

	private static SettingHonour row(List<SettingHonour> rows, String setting) {
		return rows.stream().filter(r -> r.setting().equals(setting)).findFirst().orElseThrow();
	}

	@Test
	void aLargerBudgetWithFewerReasoningTokensIsIgnoredAndTheSweepIsOrderedBySetting() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("thinking:4096", reasoning(400.0, 420.0, 440.0, 460.0));
		sweep.put("default", reasoning(1000.0, 1000.0, 1000.0, 1000.0));
		sweep.put("thinking:1024", reasoning(500.0, 520.0, 540.0, 560.0));
		List<SettingHonour> rows = this.calculator.sweep(sweep, Map.of(), 7L);

		assertThat(rows).extracting(SettingHonour::setting)
			.containsExactly("default", "thinking:1024", "thinking:4096");
		SettingHonour first = rows.get(0);
		assertThat(first.comparedWith()).isNull();
		assertThat(first.reasoningChange()).isEqualTo(Estimate.UNDEFINED);
		assertThat(first.ignored()).isFalse();
		// against default: fewer tokens (−460 on average), but default is not ranked, so
		// never flagged
		SettingHonour budget = row(rows, "thinking:1024");
		assertThat(budget.comparedWith()).isEqualTo("default");
		assertThat(budget.reasoningChange().value()).isCloseTo(-470, within(1e-9));
		assertThat(budget.reasoningChange().below(0)).isTrue();
		assertThat(budget.ignored()).isFalse();
		// 4096 against 1024: exactly −100 on every prompt, a degenerate interval below 0
		SettingHonour larger = row(rows, "thinking:4096");
		assertThat(larger.comparedWith()).isEqualTo("thinking:1024");
		assertThat(larger.prompts()).isEqualTo(4);
		assertThat(larger.reasoningChange()).isEqualTo(Estimate.of(-100, -100, -100));
		assertThat(larger.ignored()).isTrue();
	}

	@Test
	void aClearGrowthIsHonouredAndAnIntervalAcrossZeroIsNot() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("effort:low", reasoning(100.0, 100.0, 100.0, 100.0));
		// +100, +200, +300, +400: mean 250, every resample's mean is at least 100
		sweep.put("effort:medium", reasoning(200.0, 300.0, 400.0, 500.0));
		// −50, +50, −40, +60 against medium: mean +5, but a resample of only the first
		// and third
		// prompts (1/16 of them, above the 2.5 % tail) has a negative mean
		sweep.put("effort:high", reasoning(150.0, 350.0, 360.0, 560.0));
		List<SettingHonour> rows = this.calculator.sweep(sweep, Map.of(), 11L);

		SettingHonour medium = row(rows, "effort:medium");
		assertThat(medium.reasoningChange().value()).isCloseTo(250, within(1e-9));
		assertThat(medium.reasoningChange().ciLow()).isGreaterThanOrEqualTo(100);
		assertThat(medium.reasoningChange().ciHigh()).isLessThanOrEqualTo(400);
		assertThat(medium.ignored()).isFalse();
		SettingHonour high = row(rows, "effort:high");
		assertThat(high.reasoningChange().value()).isCloseTo(5, within(1e-9));
		assertThat(high.reasoningChange().ciLow()).isNegative();
		assertThat(high.reasoningChange().ciHigh()).isPositive();
		assertThat(high.ignored()).isTrue();
	}

	@Test
	void thinkingSwitchedOnWithoutAnyReasoningIsIgnored() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("thinking:2048", reasoning(0.0, 0.0, 0.0));
		sweep.put("off", reasoning(0.0, 0.0, 0.0));
		SettingHonour on = row(this.calculator.sweep(sweep, Map.of(), 3L), "thinking:2048");
		assertThat(on.comparedWith()).isEqualTo("off");
		assertThat(on.reasoningChange()).isEqualTo(Estimate.of(0, 0, 0));
		assertThat(on.ignored()).isTrue();
	}

	@Test
	void onlyPromptsWithReasoningOnBothSidesArePaired() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("thinking:1024", reasoning(100.0, null, 100.0, 100.0));
		sweep.put("thinking:2048", reasoning(300.0, 300.0, null)); // prompt 4 not run at
																	// all
		SettingHonour larger = row(this.calculator.sweep(sweep, Map.of(), 5L), "thinking:2048");
		assertThat(larger.prompts()).isEqualTo(1);
		assertThat(larger.reasoningChange()).isEqualTo(Estimate.of(200, 200, 200));
		assertThat(larger.ignored()).isFalse();

		Map<String, List<PromptMeans>> unknown = new LinkedHashMap<>();
		unknown.put("thinking:1024", reasoning(null, null));
		unknown.put("thinking:2048", reasoning(null, null));
		SettingHonour none = row(this.calculator.sweep(unknown, Map.of(), 5L), "thinking:2048");
		assertThat(none.prompts()).isZero();
		assertThat(none.reasoningChange()).isEqualTo(Estimate.UNDEFINED);
		assertThat(none.ignored()).isFalse(); // nothing reported, nothing to flag
	}

	@Test
	void overrunCountsForBudgetsOnlyAndTruncationForEverySetting() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("default", reasoning(10.0));
		sweep.put("thinking:1024", reasoning(500.0));
		sweep.put("effort:high", reasoning(900.0));
		Map<String, FinishCounts> counts = Map.of("default", new FinishCounts(10, 0, 10, 1), "thinking:1024",
				new FinishCounts(10, 3, 8, 2), "effort:high", new FinishCounts(0, 0, 0, 0));
		List<SettingHonour> rows = this.calculator.sweep(sweep, counts, 1L);
		assertThat(row(rows, "default").overrunRate()).isNull();
		assertThat(row(rows, "default").truncatedRate()).isEqualTo(0.1);
		assertThat(row(rows, "thinking:1024").overrunRate()).isEqualTo(0.3);
		assertThat(row(rows, "thinking:1024").truncatedRate()).isEqualTo(0.25);
		assertThat(row(rows, "effort:high").overrunRate()).isNull();
		assertThat(row(rows, "effort:high").truncatedRate()).isNull(); // no finish reason
																		// known
		assertThat(row(rows, "thinking:1024").overrunNoted()).isTrue();
		assertThat(row(rows, "default").truncatedNoted()).isTrue();
	}

	@Test
	void notesStartAboveFivePercent() {
		SettingHonour atThreshold = new SettingHonour("thinking:1024", null, 0, Estimate.UNDEFINED, false, 0.05, 0.05);
		assertThat(atThreshold.overrunNoted()).isFalse();
		assertThat(atThreshold.truncatedNoted()).isFalse();
		SettingHonour above = new SettingHonour("thinking:1024", null, 0, Estimate.UNDEFINED, false, 0.051, 0.051);
		assertThat(above.overrunNoted()).isTrue();
		assertThat(above.truncatedNoted()).isTrue();
	}

	@Test
	void sameDataSameIntervalAndTheResamplesArePaired() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("thinking:1024", reasoning(100.0, 200.0, 300.0, 400.0, 500.0));
		sweep.put("thinking:2048", reasoning(130.0, 180.0, 390.0, 400.0, 560.0));
		Estimate once = row(this.calculator.sweep(sweep, Map.of(), 42L), "thinking:2048").reasoningChange();
		Estimate again = row(this.calculator.sweep(sweep, Map.of(), 42L), "thinking:2048").reasoningChange();
		assertThat(again).isEqualTo(once);
		// paired: the interval is that of the mean of the differences (30, −20, 90, 0,
		// 60) of prompts 1..5 under their Poisson weights, one weight per prompt for both
		// sides, drawn with the seed derived from the two settings
		double[] diffs = { 30, -20, 90, 0, 60 };
		long seed = Seeds.derive(42L, "reasoning_change", "thinking:1024", "thinking:2048");
		double[] replicates = new double[Bootstrap.DEFAULT_RESAMPLES];
		for (int b = 0; b < replicates.length; b++) {
			double sum = 0;
			long weights = 0;
			for (int p = 0; p < diffs.length; p++) {
				int w = PoissonWeights.weight(seed, p + 1, b);
				sum += w * diffs[p];
				weights += w;
			}
			replicates[b] = (weights == 0) ? Double.NaN : sum / weights;
		}
		assertThat(once).isEqualTo(Bootstrap.standard().estimateOf(32, replicates));
	}

	@Test
	void countsAreConsistent() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FinishCounts(1, 2, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new FinishCounts(0, 0, 1, 2));
		assertThat(new FinishCounts(1, 1, 2, 0).plus(new FinishCounts(3, 0, 1, 1)))
			.isEqualTo(new FinishCounts(4, 1, 3, 1));
	}

}
