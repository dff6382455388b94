package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenyield.analytics.calc.Fixtures.run;

/**
 * The checkpointed tercile count against the reference walk
 * {@link LengthCalculator#tercileRates}: the same doubles, bit for bit.
 */
class LengthTercilesTests {

	@Test
	void equalsTheWalkOnRandomOrdersAndResamples() {
		SplittableRandom random = new SplittableRandom(11);
		int resamples = 0;
		for (int trial = 0; trial < 300; trial++) {
			// from one prompt with many runs (stride 1) to many prompts with one or two
			// (a single checkpoint)
			int prompts = 1 + random.nextInt((trial % 3 == 0) ? 4 : 80);
			int maxRuns = 1 + random.nextInt((trial % 2 == 0) ? 3 : 40);
			List<Integer> runs = new ArrayList<>();
			for (int p = 0; p < prompts; p++) {
				int n = (random.nextInt(5) == 0) ? 1 : 1 + random.nextInt(maxRuns);
				for (int i = 0; i < n; i++) {
					runs.add(p);
				}
			}
			// shuffled, then some prompts' runs pulled together as a block of ties would
			// be
			int[] order = runs.stream().mapToInt(Integer::intValue).toArray();
			shuffle(order, random);
			if (random.nextBoolean()) {
				Arrays.sort(order, 0, random.nextInt(order.length + 1));
			}
			boolean[] correct = new boolean[order.length];
			double share = random.nextDouble();
			for (int i = 0; i < correct.length; i++) {
				correct[i] = random.nextDouble() < share;
			}
			LengthTerciles terciles = new LengthTerciles(order, correct, prompts);
			List<int[]> draws = new ArrayList<>(Arrays.asList(Bootstrap.indices(prompts, trial, 40)));
			draws.add(Bootstrap.identity(prompts));
			int[] one = new int[prompts];
			Arrays.fill(one, random.nextInt(prompts)); // one prompt drawn n times
			draws.add(one);
			for (int[] idx : draws) {
				assertSameRates(terciles.rates(idx), LengthCalculator.tercileRates(order, correct, prompts, idx));
				resamples++;
			}
		}
		assertThat(resamples).isEqualTo(300 * 42);
	}

	@Test
	void fewerThanThreeRunsIsUndefinedOnBothPaths() {
		// prompts 0 and 1 have one run each, prompt 2 three, prompt 3 none
		int[] order = { 2, 0, 2, 1, 2 };
		boolean[] correct = { true, false, false, true, true };
		LengthTerciles terciles = new LengthTerciles(order, correct, 4);
		for (int[] idx : new int[][] { { 3, 3, 3, 0 }, { 3, 3, 0, 1 }, { 0, 0, 0, 3 }, { 2, 2, 2, 2 } }) {
			assertSameRates(terciles.rates(idx), LengthCalculator.tercileRates(order, correct, 4, idx));
		}
		assertThat(terciles.rates(new int[] { 3, 3, 3, 0 })).isNull(); // N = 1
		assertThat(terciles.rates(new int[] { 3, 3, 0, 1 })).isNull(); // N = 2
		assertThat(terciles.rates(new int[] { 0, 0, 0, 3 })).containsExactly(0.0, 0.0, 0.0);
		// N = 12 from prompt 2 drawn four times: copies adjacent, cuts at 4 and 8
		assertThat(terciles.rates(new int[] { 2, 2, 2, 2 })).containsExactly(1.0, 0.0, 1.0);
		assertThat(new LengthTerciles(new int[0], new boolean[0], 0).rates(new int[0])).isNull();
	}

	@Test
	void summaryEqualsTheReferencePath() {
		SplittableRandom random = new SplittableRandom(17);
		LengthCalculator length = new LengthCalculator();
		for (int trial = 0; trial < 6; trial++) {
			List<RunObservation> runs = new ArrayList<>();
			int prompts = 5 + random.nextInt((trial < 3) ? 30 : 300);
			for (int p = 0; p < prompts; p++) {
				int samples = 1 + random.nextInt((trial < 3) ? 6 : 25);
				double skill = random.nextDouble();
				for (int i = 0; i < samples; i++) {
					// lengths on a coarse grid: many exact ties in z, within and across
					// prompts; a few runs unusable (ungraded, zero tokens)
					double g = (trial % 2 == 0) ? 100 * (1 + random.nextInt(3))
							: Math.round(300 * Math.exp(random.nextGaussian()));
					Double score = (random.nextInt(20) == 0) ? null : (random.nextDouble() < skill) ? 1.0 : 0.0;
					runs.add(run(p * 7 + 3, i, (random.nextInt(30) == 0) ? 0.0 : g, score));
				}
			}
			java.util.Collections.shuffle(runs, new java.util.Random(trial));
			LengthCalculator.ZOrder order = LengthCalculator.zOrder(runs);
			LengthCalculator.ZOrder reference = referenceOrder(runs);
			assertThat(order.prompts()).isEqualTo(reference.prompts());
			assertThat(order.prompt()).containsExactly(reference.prompt());
			assertThat(order.correct()).containsExactly(reference.correct());
			long seed = trial;
			LengthSummary expected = length.summarize(reference, idx -> LengthCalculator
				.tercileRates(reference.prompt(), reference.correct(), reference.prompts(), idx), seed);
			LengthSummary got = length.summarize(runs, seed);
			assertThat(got).isEqualTo(expected);
			assertThat(got.longMinusShort().hasInterval()).isTrue();
		}
	}

	@Test
	void radixOrderEqualsAStableSortByDoubleCompare() {
		SplittableRandom random = new SplittableRandom(23);
		double[] special = { 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
				Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, -1e-300 };
		for (int trial = 0; trial < 200; trial++) {
			int m = random.nextInt((trial % 10 == 0) ? 3 : 2000);
			double[] z = new double[m];
			for (int j = 0; j < m; j++) {
				int kind = random.nextInt(4);
				z[j] = switch (kind) {
					case 0 -> Math.round(random.nextGaussian() * 4) / 4.0; // ties
					case 1 -> special[random.nextInt(special.length)];
					default -> random.nextGaussian() * Math.pow(10, random.nextInt(-5, 5));
				};
			}
			Integer[] expected = new Integer[m];
			for (int j = 0; j < m; j++) {
				expected[j] = j;
			}
			Arrays.sort(expected, (a, b) -> Double.compare(z[a], z[b])); // stable
			assertThat(LengthCalculator.byZ(z)).containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
		}
		// all equal: the position order
		assertThat(LengthCalculator.byZ(new double[] { 2.5, 2.5, 2.5 })).containsExactly(0, 1, 2);
	}

	/**
	 * The order as summarize built it before the checkpointed count: boxed rows, stably
	 * sorted by z.
	 */
	private static LengthCalculator.ZOrder referenceOrder(Collection<RunObservation> runs) {
		var byPrompt = Runs.byPrompt(runs, r -> r.score() != null && r.generated() != null && r.generated() > 0);
		List<double[]> rows = new ArrayList<>(); // {promptIndex, z, correct}
		int promptIndex = 0;
		for (List<RunObservation> list : byPrompt.values()) {
			if (list.size() < 2) {
				continue;
			}
			double meanLog = 0;
			for (RunObservation r : list) {
				meanLog += Math.log(r.generated());
			}
			meanLog /= list.size();
			for (RunObservation r : list) {
				rows.add(new double[] { promptIndex, Math.log(r.generated()) - meanLog, r.correct() ? 1 : 0 });
			}
			promptIndex++;
		}
		rows.sort(Comparator.comparingDouble(row -> row[1]));
		int[] prompt = new int[rows.size()];
		boolean[] correct = new boolean[rows.size()];
		for (int i = 0; i < prompt.length; i++) {
			prompt[i] = (int) rows.get(i)[0];
			correct[i] = rows.get(i)[2] == 1;
		}
		return new LengthCalculator.ZOrder(promptIndex, prompt, correct);
	}

	private static void assertSameRates(double[] got, double[] expected) {
		if (expected == null) {
			assertThat(got).isNull();
			return;
		}
		assertThat(got).isNotNull();
		assertThat(Arrays.stream(got).mapToLong(Double::doubleToRawLongBits).toArray())
			.containsExactly(Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray());
	}

	private static void shuffle(int[] a, SplittableRandom random) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}

}
