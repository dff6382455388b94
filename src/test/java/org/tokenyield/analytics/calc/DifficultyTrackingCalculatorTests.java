package org.tokenyield.analytics.calc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DifficultyTrackingCalculatorTests {

	private final DifficultyTrackingCalculator calculator = new DifficultyTrackingCalculator();

	/**
	 * Tokens 100, 200, 300, 400 and difficulty 0.1, 0.2, 0.4, 0.3: ranks 1, 2, 3, 4 and
	 * 1, 2, 4, 3, Σ d² = 2, ρ = 1 − 6 · 2 / (4 · (16 − 1)) = 0.8. Prompt 5 has no
	 * difficulty and is left out; setting "few" has two prompts with one: undefined.
	 */
	@Test
	void spearmanOfTokensAndDifficultyPerSetting() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("default", List.of(pm(1, 100), pm(2, 200), pm(3, 300), pm(4, 400), pm(5, 999)));
		sweep.put("few", List.of(pm(1, 100), pm(2, 200)));
		Map<Long, Double> difficulty = Map.of(1L, 0.1, 2L, 0.2, 3L, 0.4, 4L, 0.3);
		List<DifficultyTracking> t = this.calculator.of(sweep, difficulty, 9L);

		assertThat(t).extracting(DifficultyTracking::setting).containsExactly("default", "few");
		assertThat(t.get(0).prompts()).isEqualTo(4);
		assertThat(t.get(0).rho().value()).isCloseTo(0.8, within(1e-12));
		assertThat(t.get(1).prompts()).isEqualTo(2);
		assertThat(t.get(1).rho()).isEqualTo(Estimate.UNDEFINED);
	}

	/**
	 * Ties share their mean rank: tokens 100, 100, 300 rank 1.5, 1.5, 3; difficulty 0,
	 * 0.5, 1 ranks 1, 2, 3. Deviations from 2: (−0.5, −0.5, 1) and (−1, 0, 1); ρ = 1.5 /
	 * sqrt(1.5 · 2) = sqrt 3 / 2.
	 */
	@Test
	void tiesShareTheirMeanRank() {
		Estimate rho = this.calculator.rho(new double[] { 100, 100, 300 }, new double[] { 0, 0.5, 1 }, 1L);
		assertThat(rho.value()).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
	}

	/**
	 * The weighted midranks give every resample the ρ of ranking its drawn values from
	 * scratch: the interval equals the one of the replicates computed the slow way.
	 */
	@Test
	void theIntervalRanksEachResampleAgain() {
		SplittableRandom random = new SplittableRandom(42);
		int n = 12;
		double[] x = new double[n];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = random.nextInt(6) * 100; // ties on purpose
			y[i] = random.nextInt(4) / 4.0 + x[i] / 2000;
		}
		Bootstrap bootstrap = Bootstrap.standard();
		int[][] resamples = Bootstrap.indices(n, 3L, bootstrap.resamples());
		double[] slow = new double[resamples.length];
		for (int r = 0; r < resamples.length; r++) {
			double[] xs = new double[n];
			double[] ys = new double[n];
			for (int i = 0; i < n; i++) {
				xs[i] = x[resamples[r][i]];
				ys[i] = y[resamples[r][i]];
			}
			slow[r] = pearson(midranks(xs), midranks(ys));
		}
		double[] interval = bootstrap.interval(slow);
		Estimate rho = this.calculator.rho(x, y, 3L);
		assertThat(rho.value()).isCloseTo(pearson(midranks(x), midranks(y)), within(1e-12));
		assertThat(rho.ciLow()).isCloseTo(interval[0], within(1e-12));
		assertThat(rho.ciHigh()).isCloseTo(interval[1], within(1e-12));
	}

	private static double[] midranks(double[] v) {
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) {
			int less = 0;
			int equal = 0;
			for (double w : v) {
				less += (w < v[i]) ? 1 : 0;
				equal += (w == v[i]) ? 1 : 0;
			}
			out[i] = less + (equal + 1) / 2.0;
		}
		return out;
	}

	private static double pearson(double[] a, double[] b) {
		double ma = Arrays.stream(a).average().orElseThrow();
		double mb = Arrays.stream(b).average().orElseThrow();
		double cov = 0;
		double va = 0;
		double vb = 0;
		for (int i = 0; i < a.length; i++) {
			cov += (a[i] - ma) * (b[i] - mb);
			va += (a[i] - ma) * (a[i] - ma);
			vb += (b[i] - mb) * (b[i] - mb);
		}
		return (va > 0 && vb > 0) ? cov / Math.sqrt(va * vb) : Double.NaN;
	}

	private static PromptMeans pm(long id, double generated) {
		return new PromptMeans(id, "math", 10.0, generated, null, 1.0, 1, 1, 0);
	}

}
