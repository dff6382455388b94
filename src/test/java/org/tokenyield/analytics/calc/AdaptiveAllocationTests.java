package org.tokenyield.analytics.calc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.pm;

class AdaptiveAllocationTests {

	@ParameterizedTest
	@CsvSource({ "5,4,EASY", "3,3,EASY", "10,3,MEDIUM", "100,79,MEDIUM", "10,2,HARD", "3,0,HARD", "2,2,UNKNOWN",
			"0,0,UNKNOWN" })
	void bandBoundaries(int runs, int correct, Band expected) {
		assertThat(DifficultyBands.bandOf(runs, correct)).isEqualTo(expected);
	}

	@Test
	void bandsPerPrompt() {
		Map<Long, Band> bands = DifficultyBands.of(List.of(new PassCount(1, 5, 5), new PassCount(2, 1, 0)));
		assertThat(bands).containsExactly(entry(1L, Band.EASY), entry(2L, Band.UNKNOWN));
		assertThat(DifficultyBands.bandOf(bands, 3L)).isEqualTo(Band.UNKNOWN);
		assertThat(Band.fromApiName("medium")).isEqualTo(Band.MEDIUM);
	}

	/**
	 * Easy prompts 1, 2 always right; hard prompts 3, 4 score 0, 0.5, 0.6 as tokens go
	 * 100, 300, 500.
	 */
	private static Map<String, List<PromptMeans>> sweep() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		double[] tokens = { 100, 300, 500 };
		double[] hard = { 0, 0.5, 0.6 };
		String[] names = { "low", "mid", "high" };
		for (int s = 0; s < 3; s++) {
			sweep.put(names[s], List.of(pm(1, tokens[s], 1.0), pm(2, tokens[s], 1.0), pm(3, tokens[s], hard[s]),
					pm(4, tokens[s], hard[s])));
		}
		return sweep;
	}

	private static final Map<Long, Band> BANDS = Map.of(1L, Band.EASY, 2L, Band.EASY, 3L, Band.HARD, 4L, Band.HARD);

	@Test
	void bestAssignmentAtEachUniformSpend() {
		AdaptivePlan plan = AdaptiveAllocation.plan(sweep(), BANDS);
		assertThat(plan.prompts()).isEqualTo(4);
		assertThat(plan.bandSizes()).containsExactly(entry(Band.EASY, 2), entry(Band.HARD, 2));
		AdaptiveRow low = plan.rows().get(0);
		AdaptiveRow mid = plan.rows().get(1);
		AdaptiveRow high = plan.rows().get(2);

		assertThat(low.uniformSetting()).isEqualTo("low");
		assertThat(low.accuracyAtSameSpend()).isCloseTo(0.5, within(1e-12));
		assertThat(low.tokensToMatch()).isCloseTo(100, within(1e-9));

		assertThat(mid.uniformTokens()).isCloseTo(300, within(1e-9));
		assertThat(mid.uniformAccuracy()).isCloseTo(0.75, within(1e-12));
		// easy at low, hard at high: (100 + 500) / 2 = 300 tokens for (1 + 0.6) / 2 = 0.8
		assertThat(mid.accuracyAtSameSpend()).isCloseTo(0.8, within(1e-12));
		assertThat(mid.assignmentAtSameSpend()).containsExactly(entry(Band.EASY, "low"), entry(Band.HARD, "high"));
		// easy at low, hard at mid reaches 0.75 with 200
		assertThat(mid.tokensToMatch()).isCloseTo(200, within(1e-9));
		assertThat(mid.assignmentToMatch()).containsExactly(entry(Band.EASY, "low"), entry(Band.HARD, "mid"));

		// 0.8 is reachable with 300, 400 or 500 tokens: the cheapest wins the tie
		assertThat(high.accuracyAtSameSpend()).isCloseTo(0.8, within(1e-12));
		assertThat(high.assignmentAtSameSpend()).containsEntry(Band.EASY, "low");
		assertThat(high.tokensToMatch()).isCloseTo(300, within(1e-9));
	}

	@Test
	void promptsWithoutBandFormTheUnknownBand() {
		AdaptivePlan plan = AdaptiveAllocation.plan(sweep(), Map.of(1L, Band.EASY, 2L, Band.EASY));
		assertThat(plan.bandSizes()).containsExactly(entry(Band.EASY, 2), entry(Band.UNKNOWN, 2));
		assertThat(plan.rows().get(1).assignmentAtSameSpend()).containsEntry(Band.UNKNOWN, "high");
	}

	@Test
	void singleSettingOnlyHasTheUniformAssignment() {
		Map<String, List<PromptMeans>> one = new LinkedHashMap<>();
		one.put("default", sweep().get("mid"));
		AdaptivePlan plan = AdaptiveAllocation.plan(one, BANDS);
		assertThat(plan.rows()).singleElement().satisfies(row -> {
			assertThat(row.accuracyAtSameSpend()).isEqualTo(row.uniformAccuracy());
			assertThat(row.tokensToMatch()).isEqualTo(row.uniformTokens());
		});
	}

	@Test
	void noPairedPrompts() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("a", List.of(pm(1, 100.0, null)));
		assertThat(AdaptiveAllocation.plan(sweep, BANDS)).isEqualTo(new AdaptivePlan(0, Map.of(), List.of()));
	}

}
