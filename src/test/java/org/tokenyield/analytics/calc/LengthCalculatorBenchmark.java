package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.tokenyield.analytics.calc.Fixtures.run;

/**
 * The length figure of one config at the 10M scale (1,000 prompts x 500 samples), timed.
 * Not part of the default build (the class name does not match surefire's patterns and it
 * is skipped without {@code -Dbenchmark=true}); run it with
 * {@code ./mvnw -q -B test -Dtest=LengthCalculatorBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints the time of each of a few calls (the first includes JIT warm-up).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LengthCalculatorBenchmark {

	@Test
	void summarizeOneConfigAtTenMillionRuns() {
		int prompts = Integer.getInteger("benchmark.prompts", 1000);
		int samples = Integer.getInteger("benchmark.samples", 500);
		SplittableRandom random = new SplittableRandom(7);
		List<RunObservation> runs = new ArrayList<>(prompts * samples);
		for (int p = 0; p < prompts; p++) {
			double scale = 200 * Math.exp(random.nextGaussian());
			double difficulty = random.nextDouble();
			for (int i = 0; i < samples; i++) {
				double g = Math.max(1, Math.round(scale * Math.exp(0.4 * random.nextGaussian())));
				boolean right = random.nextDouble() < ((g > scale) ? 0.8 : 0.9) * difficulty;
				runs.add(run(p, i, g, right ? 1.0 : 0.0));
			}
		}
		LengthCalculator length = new LengthCalculator();
		for (int call = 0; call < 4; call++) {
			long start = System.nanoTime();
			LengthSummary s = length.summarize(runs, call);
			System.out.printf("length summarize %d x %d: %.1f ms %s%n", prompts, samples, millis(start), s);
		}
		// where the time goes: grouping and z order, the checkpoints, the resamples
		for (int call = 0; call < 3; call++) {
			long start = System.nanoTime();
			LengthCalculator.ZOrder order = LengthCalculator.zOrder(runs);
			double ordered = millis(start);
			start = System.nanoTime();
			LengthTerciles terciles = new LengthTerciles(order.prompt(), order.correct(), order.prompts());
			double indexed = millis(start);
			start = System.nanoTime();
			length.summarize(order, terciles::rates, call);
			System.out.printf("z order %.1f ms, checkpoints %.1f ms, bootstrap %.1f ms%n", ordered, indexed,
					millis(start));
		}
	}

	private static double millis(long start) {
		return (System.nanoTime() - start) / 1e6;
	}

}
