package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resample sums keep the estimates last read until they change (a leaderboard
 * recompute reads every row's, a new run moves one config's): a read after any change
 * equals sums built afresh from the same prompts.
 */
class KeptEstimatesTests {

	final Bootstrap bootstrap = new Bootstrap(500, 0.95);

	static PromptMeans means(long prompt, double score, double generated) {
		return new PromptMeans(prompt, "math", 40.0, generated, generated / 2, score, 2, score >= 0.5 ? 2 : 0,
				generated * 1e-5);
	}

	static List<PromptMeans> config(int prompts, double shift) {
		List<PromptMeans> out = new ArrayList<>();
		for (int p = 1; p <= prompts; p++) {
			out.add(means(p, ((p * 7 + (int) (shift / 100)) % 10) / 10.0, 300 + 37 * p + shift));
		}
		return out;
	}

	@Test
	void aConfigSummaryReadAfterAChangeIsTheChangedOne() {
		ConfigSums kept = new ConfigSums(11, this.bootstrap);
		config(40, 0).forEach(kept::add);
		ConfigSummary before = kept.summary();
		assertThat(kept.summary()).isSameAs(before);

		PromptMeans extra = means(41, 1.0, 5_000);
		kept.add(extra);
		ConfigSums fresh = new ConfigSums(11, this.bootstrap);
		config(40, 0).forEach(fresh::add);
		fresh.add(extra);
		assertThat(kept.summary()).isEqualTo(fresh.summary()).isNotEqualTo(before);

		kept.remove(extra);
		assertThat(kept.summary()).isEqualTo(before);
	}

	@Test
	void aDriftAndAGapReadAfterAChangeAreTheChangedOnes() {
		List<PromptMeans> older = config(40, 0);
		List<PromptMeans> newer = config(40, 250);
		DriftSums drift = new DriftSums(5, this.bootstrap);
		GapSums gap = new GapSums(5, this.bootstrap);
		for (int i = 0; i < 39; i++) {
			drift.add(older.get(i), newer.get(i));
			gap.add(older.get(i).promptId(), GapSums.difference(older.get(i), newer.get(i)));
		}
		DriftEstimate driftBefore = drift.estimate();
		Estimate gapBefore = gap.gap();

		PromptMeans last = means(40, 0.0, 9_000);
		drift.add(older.get(39), last);
		gap.add(40, GapSums.difference(older.get(39), last));

		DriftSums freshDrift = new DriftSums(5, this.bootstrap);
		GapSums freshGap = new GapSums(5, this.bootstrap);
		for (int i = 0; i < 40; i++) {
			PromptMeans y = (i == 39) ? last : newer.get(i);
			freshDrift.add(older.get(i), y);
			freshGap.add(older.get(i).promptId(), GapSums.difference(older.get(i), y));
		}
		assertThat(drift.estimate()).isEqualTo(freshDrift.estimate()).isNotEqualTo(driftBefore);
		assertThat(gap.gap()).isEqualTo(freshGap.gap()).isNotEqualTo(gapBefore);
	}

	@Test
	void aSweepsFitReadAfterAChangeIsTheChangedOne() {
		ScalingCalculator scaling = new ScalingCalculator(ScalingCalculator.DEFAULT_EPSILON, this.bootstrap);
		List<String> settings = List.of("default", "thinking:1024");
		List<PromptMeans> low = config(40, 0);
		List<PromptMeans> high = config(40, 900);
		SweepSums kept = new SweepSums(settings, 3, this.bootstrap);
		for (int i = 0; i < 40; i++) {
			kept.add(i + 1, new PromptMeans[] { low.get(i), high.get(i) });
		}
		ScalingFit before = scaling.fit(kept);
		assertThat(scaling.fit(kept)).isSameAs(before);

		PromptMeans[] extra = { means(41, 0.0, 100), means(41, 1.0, 20_000) };
		kept.add(41, extra);
		SweepSums fresh = new SweepSums(settings, 3, this.bootstrap);
		for (int i = 0; i < 40; i++) {
			fresh.add(i + 1, new PromptMeans[] { low.get(i), high.get(i) });
		}
		fresh.add(41, extra);
		assertThat(scaling.fit(kept)).isEqualTo(scaling.fit(fresh)).isNotEqualTo(before);
	}

}
