package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The cheapest setting of a model's sweep that is tied on accuracy with its most accurate
 * one (docs/methodology-notes.md "The cheapest tied setting").
 * <p>
 * Over the scaling's paired prompts P (graded, with known generated tokens at every
 * setting), the most accurate setting is the sweet spot of METRICS.md section 3 (highest
 * A_s, ties to fewer tokens, then the earlier setting). Setting s is tied with it when
 * the paired bootstrap interval of {@code A_s − A_best} includes 0 or lies within [−ε,
 * ε]. Of the tied settings the cheapest costs least per prompt (the mean over P of each
 * prompt's cost per run; ties to fewer tokens, then the most accurate setting, then the
 * earlier one); it saves {@code 1000 · (cost per prompt of the best − its own)} per 1,000
 * prompts.
 */
public final class TiedSettingCalculator {

	private static final int PER_THOUSAND = 1000;

	private final double epsilon;

	private final Bootstrap bootstrap;

	public TiedSettingCalculator() {
		this(ScalingCalculator.DEFAULT_EPSILON, Bootstrap.standard());
	}

	public TiedSettingCalculator(double epsilon, Bootstrap bootstrap) {
		this.epsilon = epsilon;
		this.bootstrap = bootstrap;
	}

	/**
	 * @param bySetting per-prompt means of each setting, in the sweep's order
	 * @param seed the scaling's seed: the gaps see the resamples of α and of the peaked
	 * test
	 * @return null with fewer than two settings or no paired prompt
	 */
	public TiedSetting cheapest(Map<String, List<PromptMeans>> bySetting, long seed) {
		List<String> settings = new ArrayList<>(bySetting.keySet());
		List<SortedMap<Long, PromptMeans>> maps = new ArrayList<>();
		bySetting.values().forEach(means -> maps.add(Pairing.byPrompt(means)));
		long[] prompts = Pairing.common(maps, m -> m.score() != null && m.generated() != null);
		int n = prompts.length;
		int k = settings.size();
		if (n == 0 || k < 2) {
			return null;
		}
		double[][] scores = new double[k][n];
		double[] tokens = new double[k];
		double[] perPrompt = new double[k];
		double[] cost = new double[k];
		long[] correct = new long[k];
		for (int s = 0; s < k; s++) {
			for (int i = 0; i < n; i++) {
				PromptMeans m = maps.get(s).get(prompts[i]);
				scores[s][i] = m.score();
				tokens[s] += m.generated() / n;
				perPrompt[s] += (m.runs() == 0 ? 0 : m.cost() / m.runs()) / n;
				cost[s] += m.cost();
				correct[s] += m.correct();
			}
		}
		int[] all = Bootstrap.identity(n);
		double[] accuracy = new double[k];
		int best = 0;
		for (int s = 0; s < k; s++) {
			accuracy[s] = Stats.mean(scores[s], all);
			if (accuracy[s] > accuracy[best] || (accuracy[s] == accuracy[best] && tokens[s] < tokens[best])) {
				best = s;
			}
		}
		int top = best;
		double[][] diffs = new double[k][n];
		for (int s = 0; s < k; s++) {
			for (int i = 0; i < n; i++) {
				diffs[s][i] = scores[s][i] - scores[top][i];
			}
		}
		Estimate[] gaps = this.bootstrap.estimates(n, seed, k, (idx, out) -> {
			for (int s = 0; s < k; s++) {
				out[s] = Stats.mean(diffs[s], idx);
			}
		});
		int cheapest = best;
		for (int s = 0; s < k; s++) {
			if (s != best && tied(gaps[s]) && (perPrompt[s] < perPrompt[cheapest]
					|| (perPrompt[s] == perPrompt[cheapest] && tokens[s] < tokens[cheapest]))) {
				cheapest = s;
			}
		}
		// the best against itself is a gap of exactly 0 on every resample
		Estimate gap = (cheapest == best) ? Estimate.of(0, 0, 0) : gaps[cheapest];
		return new TiedSetting(settings.get(cheapest), gap,
				correct[cheapest] == 0 ? null : cost[cheapest] / correct[cheapest],
				PER_THOUSAND * (perPrompt[best] - perPrompt[cheapest]));
	}

	/** Tied: the interval includes 0 or lies within [−ε, ε]. */
	private boolean tied(Estimate gap) {
		if (!gap.hasInterval()) {
			return false;
		}
		boolean includesZero = gap.ciLow() <= 0 && gap.ciHigh() >= 0;
		boolean within = gap.ciLow() >= -this.epsilon && gap.ciHigh() <= this.epsilon;
		return includesZero || within;
	}

}
