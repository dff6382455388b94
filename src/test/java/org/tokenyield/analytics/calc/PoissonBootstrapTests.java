package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Poisson bootstrap of the leaderboard's calculators: its weights are a pure function
 * of (seed, prompt, b) with the moments of Poisson(1); its intervals are as wide as the
 * multinomial bootstrap's (METRICS.md allows either) on the synthetic fixtures; its sums
 * do not depend on the order prompts came in or on what came and went before.
 */
class PoissonBootstrapTests {

	private static final Bootstrap MULTINOMIAL = Bootstrap.standard();

	/** "Within a few percent of the width": 5 %. */
	private static final double WIDTH_TOLERANCE = 0.05;

	@Test
	void weightsArePureFunctionsOfSeedPromptAndResample() {
		long[] weights = new long[2000];
		PoissonWeights.fill(42L, 7L, weights);
		long[] again = new long[2000];
		PoissonWeights.fill(42L, 7L, again);
		assertThat(again).isEqualTo(weights);
		for (int b : new int[] { 0, 1, 999, 1999 }) {
			assertThat(PoissonWeights.weight(42L, 7L, b)).isEqualTo(weights[b]);
		}
		long[] otherPrompt = new long[2000];
		PoissonWeights.fill(42L, 8L, otherPrompt);
		assertThat(otherPrompt).isNotEqualTo(weights);
	}

	/**
	 * The fast draw (vectorized stream, counts looked up by slice) is the definition's
	 * inverse CDF bit for bit: over 2,000 prompts of many seeds, B past the stream's step
	 * table, so both of its loops and the slices a threshold cuts (weights of 6 and more
	 * among them) are taken.
	 */
	@Test
	void fillDrawsWhatWeightDefines() {
		long[] weights = new long[5000];
		long heaviest = 0;
		for (long prompt = 0; prompt < 2000; prompt++) {
			long seed = Seeds.seedOf("fill", Long.toString(prompt % 17));
			PoissonWeights.fill(seed, prompt * 7919, weights);
			for (int b = 0; b < weights.length; b++) {
				if (weights[b] != PoissonWeights.weight(seed, prompt * 7919, b)) {
					throw new AssertionError("prompt " + prompt + ", resample " + b + ": " + weights[b] + " against "
							+ PoissonWeights.weight(seed, prompt * 7919, b));
				}
				heaviest = Math.max(heaviest, weights[b]);
			}
		}
		assertThat(heaviest).isGreaterThanOrEqualTo(8);
	}

	/**
	 * Poisson(1) has mean 1, variance 1 and P(0) = e^-1 = 0.3679; over 10^6 draws the
	 * standard error of the mean is 0.001, so 0.01 is ten of them.
	 */
	@Test
	void weightsHaveThePoissonOneMoments() {
		long[] weights = new long[1000];
		long sum = 0;
		long squares = 0;
		long zeros = 0;
		int draws = 0;
		for (long prompt = 0; prompt < 1000; prompt++) {
			PoissonWeights.fill(Seeds.seedOf("moments"), prompt, weights);
			for (long w : weights) {
				sum += w;
				squares += w * w;
				zeros += (w == 0) ? 1 : 0;
				draws++;
			}
		}
		double mean = sum / (double) draws;
		double variance = squares / (double) draws - mean * mean;
		assertThat(mean).isCloseTo(1.0, within(0.01));
		assertThat(variance).isCloseTo(1.0, within(0.01));
		assertThat(zeros / (double) draws).isCloseTo(Math.exp(-1), within(0.005));
	}

	/**
	 * Values arriving in another order, or after others came and went, give the same
	 * integers in the sums, so the same means to the last bit (plain double sums would
	 * differ in the last bits).
	 */
	@Test
	void sumsDoNotDependOnOrderOrHistory() {
		SplittableRandom random = new SplittableRandom(3);
		List<double[]> rows = new ArrayList<>();
		for (int p = 0; p < 300; p++) {
			rows.add(new double[] { p, random.nextDouble() * 1e4, -random.nextDouble() * 3, random.nextDouble() });
		}
		ResampleSums inOrder = sums(rows);
		List<double[]> shuffled = new ArrayList<>(rows);
		Collections.shuffle(shuffled, new Random(9));
		ResampleSums other = new ResampleSums(5L, 200, 3);
		for (double[] row : shuffled) {
			// a passing value before the real one
			other.add((long) row[0], new double[] { row[3], Double.NaN, row[1] });
			other.remove((long) row[0], new double[] { row[3], Double.NaN, row[1] });
			other.add((long) row[0], new double[] { row[1], row[2], row[3] });
		}
		for (int c = 0; c < 3; c++) {
			assertThat(other.pointMean(c)).isEqualTo(inOrder.pointMean(c));
			assertThat(other.replicates(c)).isEqualTo(inOrder.replicates(c));
			assertThat(other.count(c)).isEqualTo(300);
		}
	}

	private static ResampleSums sums(List<double[]> rows) {
		ResampleSums sums = new ResampleSums(5L, 200, 3);
		for (double[] row : rows) {
			sums.add((long) row[0], new double[] { row[1], row[2], row[3] });
		}
		return sums;
	}

	/**
	 * Resample b's mean is Σ w_pb v_p / Σ w_pb. Prompts 1 and 2 with scores 1 and 0: b's
	 * accuracy is w_1b / (w_1b + w_2b), undefined when both weigh 0.
	 */
	@Test
	void aResampleIsTheWeightedMeanAndEmptyResamplesAreSkipped() {
		ResampleSums sums = new ResampleSums(11L, 50, 1);
		sums.add(1, new double[] { 1.0 });
		sums.add(2, new double[] { 0.0 });
		double[] reps = sums.replicates(0);
		for (int b = 0; b < 50; b++) {
			int w1 = PoissonWeights.weight(11L, 1, b);
			int w2 = PoissonWeights.weight(11L, 2, b);
			if (w1 + w2 == 0) {
				assertThat(reps[b]).isNaN();
			}
			else {
				assertThat(reps[b]).isEqualTo(w1 / (double) (w1 + w2));
			}
		}
		assertThat(sums.pointMean(0)).isEqualTo(0.5);
	}

	/** 400 prompts, five settings (the productive sweep of SyntheticCrossCheckTests). */
	private static Map<String, List<PromptMeans>> sweep() {
		double[] tokens = SyntheticCrossCheckTests.geometric(500, 2, 5);
		double[] accuracy = new double[5];
		for (int s = 0; s < 5; s++) {
			accuracy[s] = 0.4 * Math.pow(tokens[s] / 500, 0.25);
		}
		return SyntheticCrossCheckTests.sweep(400, tokens, accuracy, 0.1, 1);
	}

	// The five widths below came out at 0.964 to 1.021 times the multinomial ones.

	@Test
	void accuracyIntervalIsAsWideAsTheMultinomialOne() {
		List<PromptMeans> means = sweep().get("s2");
		long seed = Seeds.seedOf("leaderboard", "fixture");
		double[] scores = means.stream().mapToDouble(PromptMeans::score).toArray();
		Estimate multinomial = MULTINOMIAL.estimate(scores.length, seed, idx -> Stats.mean(scores, idx));
		assertSameWidth(ConfigSummary.of(means, seed).accuracy(), multinomial);
	}

	@Test
	void driftIntervalsAreAsWideAsTheMultinomialOnes() {
		Map<String, List<PromptMeans>> sweep = sweep();
		List<PromptMeans> older = sweep.get("s1");
		List<PromptMeans> newer = sweep.get("s2");
		long seed = Seeds.seedOf("drift", "fixture");
		int n = older.size();
		double[] logRatios = new double[n];
		double[] differences = new double[n];
		for (int p = 0; p < n; p++) {
			logRatios[p] = Math.log(newer.get(p).generated() / older.get(p).generated());
			differences[p] = newer.get(p).score() - older.get(p).score();
		}
		DriftEstimate poisson = new DriftCalculator().compare(older, newer, seed);
		assertSameWidth(poisson.generated(),
				MULTINOMIAL.estimate(n, seed, idx -> Math.expm1(Stats.mean(logRatios, idx))));
		assertSameWidth(poisson.accuracyChange(), MULTINOMIAL.estimate(n, seed, idx -> Stats.mean(differences, idx)));
	}

	@Test
	void slopeIntervalIsAsWideAsTheMultinomialOne() {
		Map<String, List<PromptMeans>> sweep = sweep();
		long seed = Seeds.seedOf("scaling", "fixture");
		List<List<PromptMeans>> settings = new ArrayList<>(sweep.values());
		int k = settings.size();
		int n = settings.get(0).size();
		Estimate multinomial = MULTINOMIAL.estimate(n, seed, idx -> {
			double[] t = new double[k];
			double[] a = new double[k];
			for (int s = 0; s < k; s++) {
				for (int i : idx) {
					t[s] += settings.get(s).get(i).generated() / n;
					a[s] += settings.get(s).get(i).score() / n;
				}
			}
			return ScalingCalculator.slope(t, a, true);
		});
		assertSameWidth(new ScalingCalculator().fit(sweep, seed).alpha(), multinomial);
	}

	@Test
	void tierGapIntervalIsAsWideAsTheMultinomialOne() {
		Map<String, List<PromptMeans>> sweep = sweep();
		long seed = Seeds.seedOf("rank", "fixture");
		AccuracyTiers.Differences d = AccuracyTiers.differences(sweep.get("s0"), sweep.get("s1"));
		double[] values = d.values();
		assertSameWidth(new AccuracyTiers().gap(sweep.get("s0"), sweep.get("s1"), seed),
				MULTINOMIAL.estimate(values.length, seed, idx -> Stats.mean(values, idx)));
	}

	/**
	 * The same point estimate, and interval widths within {@link #WIDTH_TOLERANCE} of
	 * each other.
	 */
	private static void assertSameWidth(Estimate poisson, Estimate multinomial) {
		assertThat(poisson.value()).isCloseTo(multinomial.value(), within(1e-12));
		double width = multinomial.ciHigh() - multinomial.ciLow();
		double poissonWidth = poisson.ciHigh() - poisson.ciLow();
		assertThat(poissonWidth).isCloseTo(width, within(WIDTH_TOLERANCE * width));
	}

}
