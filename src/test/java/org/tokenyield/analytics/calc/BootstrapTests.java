package org.tokenyield.analytics.calc;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BootstrapTests {

	private static final double[] DATA = { 0.1, 0.4, 0.35, 0.8, 0.9, 0.05, 0.6, 0.55, 0.3, 0.7, 0.2, 0.65 };

	@Test
	void sameSeedGivesSameIntervalAndDifferentSeedsDiffer() {
		Estimate a = Bootstrap.standard().estimate(DATA.length, 42L, idx -> Stats.mean(DATA, idx));
		Estimate b = Bootstrap.standard().estimate(DATA.length, 42L, idx -> Stats.mean(DATA, idx));
		Estimate c = Bootstrap.standard().estimate(DATA.length, 43L, idx -> Stats.mean(DATA, idx));
		assertThat(a).isEqualTo(b);
		assertThat(c.value()).isEqualTo(a.value());
		assertThat(c.ciLow()).isNotEqualTo(a.ciLow());
	}

	@Test
	void intervalContainsThePointEstimate() {
		Estimate e = Bootstrap.standard().estimate(DATA.length, 7L, idx -> Stats.mean(DATA, idx));
		assertThat(e.value()).isCloseTo(Arrays.stream(DATA).average().orElseThrow(), within(1e-12));
		assertThat(e.ciLow()).isLessThan(e.value());
		assertThat(e.ciHigh()).isGreaterThan(e.value());
		// roughly mean ± 2 standard errors (sd ≈ 0.27, n = 12)
		assertThat(e.ciHigh() - e.ciLow()).isBetween(0.2, 0.4);
	}

	@Test
	void statisticsEvaluatedTogetherGiveTheNumbersEachGivesAlone() {
		ResampleStatistic mean = idx -> Stats.mean(DATA, idx);
		ResampleStatistic max = idx -> Arrays.stream(idx).mapToDouble(i -> DATA[i]).max().orElseThrow();
		// undefined on the resamples that draw position 0 more than once: dropped, as
		// alone
		ResampleStatistic partial = idx -> Arrays.stream(idx).filter(i -> i == 0).count() > 1 ? Double.NaN : idx[1];
		ResampleStatistic undefined = idx -> Double.NaN;
		ResampleStatistic[] alone = { mean, max, partial, undefined };
		Estimate[] together = Bootstrap.standard().estimates(DATA.length, 5L, alone.length, (idx, out) -> {
			for (int j = 0; j < alone.length; j++) {
				out[j] = alone[j].compute(idx);
			}
		});
		for (int j = 0; j < alone.length; j++) {
			assertThat(together[j]).isEqualTo(Bootstrap.standard().estimate(DATA.length, 5L, alone[j]));
		}
		assertThat(together[0].hasInterval()).isTrue();
		assertThat(together[3]).isEqualTo(Estimate.UNDEFINED);
		assertThat(Bootstrap.standard().estimates(0, 5L, 2, (idx, out) -> out[0] = 1)).containsOnly(Estimate.UNDEFINED);
	}

	@Test
	void materialisedIndicesAreTheOnesTheEstimatorUses() {
		int[][] idx = Bootstrap.indices(5, 99L, 3);
		double[] reps = new Bootstrap(3, 0.95).replicates(5, 99L, i -> i[0] * 10 + i[4]);
		for (int r = 0; r < 3; r++) {
			assertThat(reps[r]).isEqualTo(idx[r][0] * 10 + idx[r][4]);
			assertThat(java.util.Arrays.stream(idx[r]).allMatch(i -> i >= 0 && i < 5)).isTrue();
		}
	}

	@Test
	void constantDataGivesDegenerateInterval() {
		double[] ones = { 1, 1, 1 };
		assertThat(Bootstrap.standard().estimate(3, 1L, idx -> Stats.mean(ones, idx))).isEqualTo(Estimate.of(1, 1, 1));
	}

	@Test
	void noDataOrUndefinedStatisticIsUndefined() {
		assertThat(Bootstrap.standard().estimate(0, 1L, idx -> 1.0)).isEqualTo(Estimate.UNDEFINED);
		assertThat(Bootstrap.standard().estimate(4, 1L, idx -> Double.NaN)).isEqualTo(Estimate.UNDEFINED);
	}

	@Test
	void mostlyUndefinedResamplesLeaveTheIntervalUndefined() {
		// defined only when prompt 0 is drawn first: ~1/10 of resamples
		Estimate e = Bootstrap.standard().estimate(10, 3L, idx -> (idx[0] == 0) ? 1.0 : Double.NaN);
		assertThat(e.value()).isEqualTo(1.0);
		assertThat(e.ciLow()).isNull();
		assertThat(e.ciHigh()).isNull();
	}

	@Test
	void percentilesInterpolateBetweenOrderStatistics() {
		Bootstrap b = new Bootstrap(5, 0.5);
		// sorted 1..5, quantiles 0.25 and 0.75 at h = 1 and 3
		assertThat(b.interval(new double[] { 5, 3, 1, 2, 4 })).containsExactly(2.0, 4.0);
		assertThat(b.interval(new double[] { 5, Double.NaN, 1, Double.NaN, 4 })).containsExactly(2.5, 4.5);
		assertThat(b.interval(new double[] { 5, Double.NaN, Double.NaN, Double.NaN, 4 })).isNull();
	}

	@Test
	void seedsAreStableAndSensitiveToEveryPart() {
		assertThat(Seeds.seedOf("gpt-5", "default")).isEqualTo(Seeds.seedOf("gpt-5", "default"));
		assertThat(Seeds.seedOf("gpt-5", "default")).isNotEqualTo(Seeds.seedOf("gpt-5default"));
		assertThat(Seeds.seedOf("a", "b")).isNotEqualTo(Seeds.seedOf("b", "a"));
		assertThat(Seeds.seedOf((String) null)).isNotEqualTo(Seeds.seedOf(""));
		assertThat(Seeds.derive(1L, "x")).isNotEqualTo(Seeds.derive(2L, "x"));
		// pinned so a change of the hash (and so of every published interval) is
		// deliberate (value computed independently from FNV-1a 64 + SplitMix64 finaliser)
		assertThat(Seeds.seedOf("gpt-5", "default")).isEqualTo(-2694182445278739731L);
	}

	/**
	 * What keeps a large bootstrap cheap, counted rather than timed (the time is
	 * {@code CalculationBenchmark}'s): the statistic is evaluated once on the data and
	 * once per resample, always on the same index array refilled in place, never on a
	 * copy of the data.
	 */
	@Test
	void largeBootstrapEvaluatesTheStatisticOncePerResampleOnOneIndexArray() {
		int n = 1000;
		int settings = 5;
		double[][] values = new double[settings][n];
		java.util.SplittableRandom random = new java.util.SplittableRandom(1);
		for (double[] row : values) {
			for (int i = 0; i < n; i++) {
				row[i] = random.nextDouble();
			}
		}
		java.util.List<int[]> seen = new java.util.ArrayList<>();
		Estimate e = Bootstrap.standard().estimate(n, 5L, idx -> {
			seen.add(idx);
			double s = 0;
			for (double[] row : values) {
				s += Stats.mean(row, idx);
			}
			return s;
		});
		assertThat(e.hasInterval()).isTrue();
		assertThat(seen).as("the data, then 2000 resamples").hasSize(1 + Bootstrap.DEFAULT_RESAMPLES);
		java.util.List<int[]> resamples = seen.subList(1, seen.size());
		assertThat(resamples).allSatisfy(idx -> assertThat(idx).hasSize(n).isSameAs(resamples.get(0)));
	}

}
