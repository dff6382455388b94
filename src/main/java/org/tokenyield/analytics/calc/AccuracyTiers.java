package org.tokenyield.analytics.calc;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * The leaderboard's rank as a tier (docs/methodology-notes.md "Tied ranks"): a row's rank
 * is 1 + the number of rows whose accuracy is better with the paired interval above 0
 * (LMArena's rule), so rows no interval separates share a rank.
 * <p>
 * The paired accuracy gap of two configs is {@code mean(a_p(upper) − a_p(lower))} over
 * the prompts graded on both, with its percentile bootstrap interval over those prompts.
 */
public final class AccuracyTiers {

	private final Bootstrap bootstrap;

	public AccuracyTiers() {
		this(Bootstrap.standard());
	}

	public AccuracyTiers(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * {@code A(upper) − A(lower)} over the prompts both graded, paired; undefined when
	 * none is.
	 */
	public Estimate gap(Collection<PromptMeans> lower, Collection<PromptMeans> upper, long seed) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(lower);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(upper);
		double[] diffs = new double[x.size()];
		int n = 0;
		for (Map.Entry<Long, PromptMeans> e : x.entrySet()) {
			PromptMeans other = y.get(e.getKey());
			if (other != null && other.score() != null && e.getValue().score() != null) {
				diffs[n++] = other.score() - e.getValue().score();
			}
		}
		double[] d = Arrays.copyOf(diffs, n);
		return this.bootstrap.estimate(n, seed, idx -> Stats.mean(d, idx));
	}

	/** The gap of row j over row i, for i < j. */
	@FunctionalInterface
	public interface Gaps {

		Estimate of(int i, int j);

	}

	/**
	 * Ranks of k rows: null for a row without accuracy (it neither ranks nor counts for
	 * others).
	 * @param ranked whether row i has an accuracy
	 * @param gaps the paired gap of row j over row i (i < j), asked once per pair of
	 * ranked rows
	 */
	public static Integer[] ranks(boolean[] ranked, Gaps gaps) {
		int k = ranked.length;
		int[] better = new int[k];
		for (int i = 0; i < k; i++) {
			for (int j = i + 1; j < k; j++) {
				if (ranked[i] && ranked[j]) {
					Estimate gap = gaps.of(i, j);
					if (gap.above(0)) {
						better[i]++;
					}
					else if (gap.below(0)) {
						better[j]++;
					}
				}
			}
		}
		Integer[] out = new Integer[k];
		for (int i = 0; i < k; i++) {
			out[i] = ranked[i] ? 1 + better[i] : null;
		}
		return out;
	}

}
