package org.tokenyield.analytics.calc;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The leaderboard's largest calculations at 1,000 prompts x 5 settings, timed: a standard
 * bootstrap (2,000 resamples) and the scaling fit (two paired bootstraps). The unit tests
 * check what keeps them cheap; this prints how long they take (about 2 s each was the
 * budget). Not part of the default build; run it with
 * {@code ./mvnw -q -B test -Dtest=CalculationBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CalculationBenchmark {

	@Test
	void standardBootstrapOverFiveSettings() {
		int n = 1000;
		double[][] values = new double[5][n];
		SplittableRandom random = new SplittableRandom(1);
		for (double[] row : values) {
			for (int i = 0; i < n; i++) {
				row[i] = random.nextDouble();
			}
		}
		for (int call = 0; call < 3; call++) {
			long start = System.nanoTime();
			Estimate e = Bootstrap.standard().estimate(n, 5L + call, idx -> {
				double s = 0;
				for (double[] row : values) {
					s += Stats.mean(row, idx);
				}
				return s;
			});
			System.out.printf("bootstrap 2000 x 1000 prompts x 5 settings: %.1f ms %s%n", millis(start), e);
		}
	}

	@Test
	void scalingFitOfThousandPromptsFiveSettings() {
		double[] tokens = SyntheticCrossCheckTests.geometric(500, 2, 5);
		double[] accuracy = { 0.5, 0.55, 0.6, 0.65, 0.7 };
		Map<String, List<PromptMeans>> sweep = SyntheticCrossCheckTests.sweep(1000, tokens, accuracy, 0.1, 5);
		ScalingCalculator scaling = new ScalingCalculator();
		for (int call = 0; call < 3; call++) {
			long start = System.nanoTime();
			ScalingFit fit = scaling.fit(sweep, 1L + call);
			System.out.printf("scaling fit, 1000 prompts x 5 settings, B=2000: %.1f ms %s%n", millis(start),
					fit.regime());
		}
	}

	private static double millis(long start) {
		return (System.nanoTime() - start) / 1e6;
	}

}
