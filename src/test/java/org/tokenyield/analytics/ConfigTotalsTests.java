package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.calc.AccuracyWithoutTruncated;
import org.tokenyield.analytics.calc.AccuracyWithoutTruncated.PromptScores;
import org.tokenyield.analytics.calc.LatencyBuckets;
import org.tokenyield.analytics.calc.PromptVariance;
import org.tokenyield.analytics.calc.TimePerTask;
import org.tokenyield.analytics.calc.VarianceCalculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A config's totals kept under groups added, replaced and removed equal the totals of the
 * groups left, built in another order, and the batch figures over them.
 */
class ConfigTotalsTests {

	@Test
	void groupsComingAndGoingLeaveTheTotalsOfTheGroupsLeft() {
		SplittableRandom random = new SplittableRandom(12);
		List<ConfigMeansQuery.Row> held = new ArrayList<>();
		ConfigTotals.Running running = new ConfigTotals.Running();
		for (int step = 0; step < 600; step++) {
			int kind = random.nextInt(5);
			if (kind == 0 && !held.isEmpty()) {
				running.remove(held.remove(random.nextInt(held.size())));
			}
			else if (kind == 1 && !held.isEmpty()) {
				int at = random.nextInt(held.size());
				ConfigMeansQuery.Row replaced = row(held.get(at).promptId(), random);
				running.remove(held.set(at, replaced));
				running.add(replaced);
			}
			else {
				ConfigMeansQuery.Row added = row(step, random);
				held.add(added);
				running.add(added);
			}
		}
		assertThat(held).hasSizeGreaterThan(50);
		List<ConfigMeansQuery.Row> shuffled = new ArrayList<>(held);
		Collections.shuffle(shuffled, new Random(4));
		ConfigTotals.Running fresh = new ConfigTotals.Running();
		shuffled.forEach(fresh::add);
		ConfigTotals totals = running.totals();
		assertThat(totals).isEqualTo(fresh.totals());

		// and what the batch figures give over the same groups
		assertThat(totals.prompts()).isEqualTo(held.size());
		assertThat(totals.correct()).isEqualTo(held.stream().mapToLong(ConfigMeansQuery.Row::correct).sum());
		List<PromptVariance> spread = new ArrayList<>();
		List<PromptScores> scores = new ArrayList<>();
		for (ConfigMeansQuery.Row r : held) {
			if (r.nGenerated() >= 2) {
				VarianceCalculator
					.fromMoments(r.promptId(), r.category(), r.nGenerated(), r.sumGenerated(), r.sumsq(), r.lo(),
							r.hi())
					.ifPresent(spread::add);
			}
			if (r.nGraded() > 0) {
				scores.add(new PromptScores(r.promptId(), r.nGraded(), r.sumScore(), r.gradedTruncated(),
						r.sumScoreTruncated()));
			}
		}
		assertThat(totals.medianCv()).isEqualTo(VarianceCalculator.of(spread).medianCv());
		long[] buckets = new long[LatencyBuckets.LAST + 1];
		double latency = 0;
		double output = 0;
		for (ConfigMeansQuery.Row r : held) {
			if (r.latency() != null) {
				for (int i = 0; i < r.latency().buckets().length; i++) {
					buckets[r.latency().buckets()[i]] += r.latency().runs()[i];
				}
				latency += r.latency().sumLatencyMs();
				output += r.latency().sumOutput();
			}
		}
		// whole milliseconds and tokens: the plain sums are exact too
		assertThat(totals.time()).isEqualTo(TimePerTask.of(buckets, latency, output));
		assertThat(totals.accuracyWithoutTruncated()).isEqualTo(AccuracyWithoutTruncated.of(scores));
		assertThat(totals.finish().finishKnown())
			.isEqualTo(held.stream().mapToLong(ConfigMeansQuery.Row::finishKnown).sum());
		assertThat(totals.billedUsd()).isCloseTo(held.stream().mapToDouble(ConfigMeansQuery.Row::billed).sum(),
				within(1e-9));
	}

	@Test
	void noGroupsNoFigures() {
		ConfigTotals.Running running = new ConfigTotals.Running();
		ConfigMeansQuery.Row one = row(1, new SplittableRandom(1));
		running.add(one);
		running.remove(one);
		assertThat(running.isEmpty()).isTrue();
		ConfigTotals totals = running.totals();
		assertThat(totals.medianCv()).isNull();
		assertThat(totals.accuracyWithoutTruncated()).isNull();
		assertThat(totals.finish().truncatedRate()).isNull();
		assertThat(totals.billedUsd()).isZero();
		assertThat(totals.time()).isEqualTo(TimePerTask.NONE);
	}

	/** Runs in one or two latency buckets, or none timed. */
	private static GroupLatency latency(long runs, SplittableRandom random) {
		if (random.nextInt(5) == 0) {
			return null;
		}
		int bucket = random.nextInt(LatencyBuckets.LAST);
		GroupLatency one = GroupLatency.of(bucket, 1, 800 + random.nextInt(40_000), 50 + random.nextInt(4000));
		return (runs > 1) ? one.plus(bucket + 1, runs - 1, 1000.0 * (runs - 1), 100.0 * (runs - 1)) : one;
	}

	/** A random group: some ungraded, some with one generated count (no spread). */
	private static ConfigMeansQuery.Row row(long prompt, SplittableRandom random) {
		long runs = 1 + random.nextInt(5);
		long graded = random.nextInt(4) == 0 ? 0 : runs;
		long truncated = random.nextInt((int) runs + 1);
		long gradedTruncated = Math.min(truncated, graded);
		double sumScore = graded == 0 ? 0 : random.nextInt((int) graded + 1);
		double sumScoreTruncated = Math.min(sumScore, gradedTruncated) * random.nextDouble();
		double lo = 50 + random.nextInt(500);
		double hi = lo + random.nextInt(2000);
		double sumGenerated = runs == 1 ? lo : lo + hi + (runs - 2) * (lo + hi) / 2;
		double sumsq = runs == 1 ? lo * lo : lo * lo + hi * hi + (runs - 2) * Math.pow((lo + hi) / 2, 2);
		long reasoning = random.nextInt((int) runs + 1);
		return new ConfigMeansQuery.Row(prompt, random.nextBoolean() ? "math" : "code", runs, runs,
				runs * (10 + random.nextDouble() * 100), runs, sumGenerated, reasoning, reasoning * 30.0, graded,
				sumScore, (int) sumScore, random.nextDouble() * 0.01, sumsq, lo, hi, random.nextDouble() * 0.02,
				random.nextDouble() * 0.001, random.nextInt((int) reasoning + 1), runs, truncated, gradedTruncated,
				sumScoreTruncated, latency(runs, random));
	}

}
