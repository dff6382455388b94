package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AccuracyTiersTests {

	private final AccuracyTiers tiers = new AccuracyTiers();

	/**
	 * Prompts 1..4. Upper scores 1, 1, 1, 1, lower 0.5, 0.5, 0.5, 0.5 and prompt 5 graded
	 * only on the lower side (not paired): every difference is +0.5, so the gap is 0.5
	 * with the degenerate interval [0.5, 0.5].
	 */
	@Test
	void theGapIsPairedOverThePromptsGradedOnBothSides() {
		List<PromptMeans> lower = scores(0.5, 0.5, 0.5, 0.5, 0.0);
		List<PromptMeans> upper = scores(1, 1, 1, 1);
		assertThat(this.tiers.gap(lower, upper, 3L)).isEqualTo(Estimate.of(0.5, 0.5, 0.5));
		// differences +1, 0, 0, 0: mean 0.25; a resample misses prompt 1 with chance
		// (3/4)^4 ≈ 0.32, so the interval reaches 0
		Estimate mixed = this.tiers.gap(scores(0, 1, 1, 1), scores(1, 1, 1, 1), 3L);
		assertThat(mixed.value()).isCloseTo(0.25, within(1e-12));
		assertThat(mixed.ciLow()).isZero();
		assertThat(this.tiers.gap(scores(0.5), List.of(), 3L)).isEqualTo(Estimate.UNDEFINED);
	}

	/**
	 * Columns computed together (two of 4 prompts, one of 3) equal each computed alone:
	 * the same n and seed draw the same resamples.
	 */
	@Test
	void gapsComputedTogetherEqualEachAlone() {
		AccuracyTiers.Differences first = AccuracyTiers.differences(scores(0, 1, 0.5, 1), scores(1, 1, 1, 0));
		AccuracyTiers.Differences second = AccuracyTiers.differences(scores(0.5, 0.5, 0, 0), scores(1, 0, 1, 1));
		AccuracyTiers.Differences third = AccuracyTiers.differences(scores(0, 1, 0), scores(1, 1, 0.5));
		Estimate[] together = this.tiers.gaps(List.of(first, second, third), 8L);
		assertThat(together[0]).isEqualTo(this.tiers.gaps(List.of(first), 8L)[0]);
		assertThat(together[1]).isEqualTo(this.tiers.gap(scores(0.5, 0.5, 0, 0), scores(1, 0, 1, 1), 8L));
		assertThat(together[2]).isEqualTo(this.tiers.gaps(List.of(third), 8L)[0]);
		// (1 + 0 + 0.5 − 1) / 4
		assertThat(together[0].value()).isCloseTo(0.125, within(1e-12));
	}

	/**
	 * Rows 0..3; row 3 has no accuracy. Row 0 beats rows 1 and 2 with intervals above 0;
	 * rows 1 and 2 are tied (their interval includes 0). Rank 0 = 1 + 0 = 1; rows 1 and 2
	 * = 1 + 1 = 2 each (only row 0 is better); row 3 has none.
	 */
	@Test
	void ranksAreOnePlusTheRowsBetterWithTheIntervalAboveZero() {
		Integer[] ranks = AccuracyTiers.ranks(new boolean[] { true, true, true, false }, (i, j) -> {
			if (i == 0) {
				return Estimate.of(-0.2, -0.3, -0.1); // row j is worse than row 0
			}
			return Estimate.of(0.01, -0.02, 0.04); // rows 1 and 2: tied
		});
		assertThat(ranks).containsExactly(1, 2, 2, null);
	}

	/**
	 * Three rows in a chain: 0 better than 2 only (0 vs 1 and 1 vs 2 tied). Ranks: 1, 1,
	 * 2: a tier is not transitive, each row counts the rows clearly above it.
	 */
	@Test
	void tiersCountOnlyRowsClearlyAbove() {
		Integer[] ranks = AccuracyTiers.ranks(new boolean[] { true, true, true },
				(i, j) -> (i == 0 && j == 2) ? Estimate.of(-0.1, -0.15, -0.05) : Estimate.of(-0.05, -0.1, 0.01));
		assertThat(ranks).containsExactly(1, 1, 2);
	}

	private static List<PromptMeans> scores(double... scores) {
		List<PromptMeans> out = new ArrayList<>();
		for (int p = 0; p < scores.length; p++) {
			out.add(new PromptMeans(p + 1, "math", 10.0, 100.0, null, scores[p], 1, scores[p] >= 0.5 ? 1 : 0, 0));
		}
		return out;
	}

}
