package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The overthinking tax of a sweep (docs/methodology-notes.md "The overthinking tax").
 * Over the scaling's paired prompts P, the baseline is the setting with the fewest mean
 * generated tokens (ties: the earlier one). A prompt is solved when the baseline answered
 * it right in every sample ({@code correct = runs}). For a setting s spending more, with
 * {@code d_p = g_p(s) − g_p(baseline)}:
 *
 * <pre>
 * tax_s = Σ_{p solved} d_p / Σ_p d_p
 * </pre> signed sums, so a prompt where s spends less offsets others; undefined when
 * {@code Σ_p d_p <= 0}. The interval is a paired bootstrap over P (every setting on the
 * same resamples).
 */
public final class OverthinkingTaxCalculator {

	private final Bootstrap bootstrap;

	public OverthinkingTaxCalculator() {
		this(Bootstrap.standard());
	}

	public OverthinkingTaxCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/** Null with fewer than two settings or no paired prompt. */
	public OverthinkingTax of(Map<String, List<PromptMeans>> bySetting, long seed) {
		List<String> settings = new ArrayList<>(bySetting.keySet());
		List<SortedMap<Long, PromptMeans>> maps = new ArrayList<>();
		bySetting.values().forEach(means -> maps.add(Pairing.byPrompt(means)));
		long[] prompts = Pairing.common(maps, m -> m.score() != null && m.generated() != null);
		int n = prompts.length;
		int k = settings.size();
		if (n == 0 || k < 2) {
			return null;
		}
		double[][] tokens = new double[k][n];
		double[] mean = new double[k];
		for (int s = 0; s < k; s++) {
			for (int i = 0; i < n; i++) {
				tokens[s][i] = maps.get(s).get(prompts[i]).generated();
			}
			mean[s] = Stats.mean(tokens[s]);
		}
		int low = 0;
		for (int s = 1; s < k; s++) {
			if (mean[s] < mean[low]) {
				low = s;
			}
		}
		boolean[] solved = new boolean[n];
		int solvedPrompts = 0;
		for (int i = 0; i < n; i++) {
			PromptMeans m = maps.get(low).get(prompts[i]);
			solved[i] = m.runs() > 0 && m.correct() == m.runs();
			solvedPrompts += solved[i] ? 1 : 0;
		}
		List<Integer> higher = new ArrayList<>();
		for (int s = 0; s < k; s++) {
			if (mean[s] > mean[low]) {
				higher.add(s);
			}
		}
		int h = higher.size();
		double[][] diffs = new double[h][n];
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < n; i++) {
				diffs[j][i] = tokens[higher.get(j)][i] - tokens[low][i];
			}
		}
		Estimate[] taxes = this.bootstrap.estimates(n, seed, h, (idx, out) -> {
			for (int j = 0; j < h; j++) {
				double all = 0;
				double onSolved = 0;
				for (int i : idx) {
					all += diffs[j][i];
					if (solved[i]) {
						onSolved += diffs[j][i];
					}
				}
				out[j] = (all > 0) ? onSolved / all : Double.NaN;
			}
		});
		List<OverthinkingTax.Setting> out = new ArrayList<>();
		for (int j = 0; j < h; j++) {
			out.add(new OverthinkingTax.Setting(settings.get(higher.get(j)), Stats.mean(diffs[j]), taxes[j]));
		}
		return new OverthinkingTax(settings.get(low), n, solvedPrompts, List.copyOf(out));
	}

}
