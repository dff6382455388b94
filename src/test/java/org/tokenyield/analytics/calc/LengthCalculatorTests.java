package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.run;

class LengthCalculatorTests {

	private final LengthCalculator length = new LengthCalculator();

	@Test
	void tercilesOfRelativeLength() {
		List<RunObservation> runs = new ArrayList<>(List.of(run(9, 0, 10.0, 1.0), run(9, 1, 1000.0, 0.0), // z
																											// ∓
																											// 2.3
				run(1, 0, 100.0, 1.0), run(1, 1, 400.0, 0.0), // z ∓ 0.69
				run(2, 0, 100.0, 1.0), run(2, 1, 400.0, 1.0), // same z as prompt 1: ties
																// by prompt id
				run(3, 0, 300.0, 1.0), run(3, 1, 300.0, 0.0), // z = 0
				run(4, 0, 300.0, 1.0), // single usable run: out
				run(4, 1, 300.0, null), run(5, 0, 0.0, 1.0), run(5, 1, 20.0, 1.0))); // unusable
		// order: 9s0 C, 1s0 C, 2s0 C | 3s0 C, 3s1 W, 1s1 W | 2s1 C, 9s1 W (N = 8: 3, 3,
		// 2)
		LengthSummary s = this.length.summarize(runs, 1L);
		assertThat(s.prompts()).isEqualTo(4);
		assertThat(s.runs()).isEqualTo(8);
		assertThat(s.shortCorrectRate()).isCloseTo(1.0, within(1e-12));
		assertThat(s.middleCorrectRate()).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(s.longCorrectRate()).isCloseTo(0.5, within(1e-12));
		assertThat(s.longMinusShort().value()).isCloseTo(-0.5, within(1e-12));
		Collections.reverse(runs);
		assertThat(this.length.summarize(runs, 1L)).isEqualTo(s);
	}

	@Test
	void exactTiesKeepRunOrder() {
		// every z is exactly 0: order is (prompt, sample)
		List<RunObservation> runs = List.of(run(3, 1, 100.0, 0.0), run(3, 0, 100.0, 0.0), run(2, 1, 100.0, 1.0),
				run(2, 0, 100.0, 1.0), run(1, 1, 100.0, 1.0), run(1, 0, 100.0, 0.0));
		LengthSummary s = this.length.summarize(runs, 1L);
		assertThat(s.shortCorrectRate()).isEqualTo(0.5); // 1s0 W, 1s1 C
		assertThat(s.middleCorrectRate()).isEqualTo(1.0); // 2s0, 2s1
		assertThat(s.longCorrectRate()).isEqualTo(0.0); // 3s0, 3s1
	}

	@Test
	void oneSamplePerPromptIsUndefined() {
		LengthSummary s = this.length.summarize(List.of(run(1, 0, 100.0, 1.0), run(2, 0, 300.0, 0.0)), 1L);
		assertThat(s.prompts()).isZero();
		assertThat(s.shortCorrectRate()).isNull();
		assertThat(s.longMinusShort()).isEqualTo(Estimate.UNDEFINED);
	}

	@Test
	void weightedWalkMatchesMaterialisedResamples() {
		SplittableRandom random = new SplittableRandom(3);
		int prompts = 15;
		List<double[]> rows = new ArrayList<>(); // prompt, z, correct
		for (int p = 0; p < prompts; p++) {
			int n = 2 + random.nextInt(3);
			for (int i = 0; i < n; i++) {
				rows.add(new double[] { p, Math.round(random.nextGaussian() * 4) / 4.0, random.nextBoolean() ? 1 : 0 });
			}
		}
		rows.sort(Comparator.comparingDouble(r -> r[1]));
		int[] order = rows.stream().mapToInt(r -> (int) r[0]).toArray();
		boolean[] correct = new boolean[rows.size()];
		for (int i = 0; i < correct.length; i++) {
			correct[i] = rows.get(i)[2] == 1;
		}
		for (int[] idx : Bootstrap.indices(prompts, 8L, 50)) {
			// materialise: every run of a drawn prompt, once per draw, in z order (copies
			// adjacent)
			List<Boolean> expanded = new ArrayList<>();
			for (int i = 0; i < order.length; i++) {
				int copies = 0;
				for (int j : idx) {
					copies += (j == order[i]) ? 1 : 0;
				}
				for (int c = 0; c < copies; c++) {
					expanded.add(correct[i]);
				}
			}
			int n = expanded.size();
			double[] right = new double[3];
			double[] size = new double[3];
			for (int r = 0; r < n; r++) {
				int t = (3 * r) / n;
				size[t]++;
				right[t] += expanded.get(r) ? 1 : 0;
			}
			double[] got = LengthCalculator.tercileRates(order, correct, prompts, idx);
			assertThat(got).containsExactly(new double[] { right[0] / size[0], right[1] / size[1], right[2] / size[2] },
					within(1e-12));
		}
	}

	@Test
	void intervalIsDeterministicAndContainsTheEstimate() {
		List<RunObservation> runs = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(5);
		for (int p = 0; p < 60; p++) {
			for (int i = 0; i < 4; i++) {
				double g = 100 * Math.exp(random.nextGaussian() * 0.5);
				boolean right = random.nextDouble() < ((g > 100) ? 0.4 : 0.8); // long
																				// runs
																				// fail
																				// more
				runs.add(run(p, i, g, right ? 1.0 : 0.0));
			}
		}
		LengthSummary a = this.length.summarize(runs, 2L);
		assertThat(a).isEqualTo(this.length.summarize(runs, 2L));
		assertThat(a.longMinusShort().value()).isNegative();
		assertThat(a.longMinusShort().ciLow()).isLessThan(a.longMinusShort().value());
		assertThat(a.longMinusShort().ciHigh()).isGreaterThan(a.longMinusShort().value());
		// rates live on a grid of 1/80, so a percentile often lands on the same grid
		// point: some
		// of a few other seeds must move the interval
		assertThat(java.util.stream.LongStream.of(3, 4, 5, 6)
			.mapToObj(seed -> this.length.summarize(runs, seed))
			.map(LengthSummary::longMinusShort)).anyMatch(e -> !e.equals(a.longMinusShort()));
	}

}
