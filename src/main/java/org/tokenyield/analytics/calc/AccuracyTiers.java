package org.tokenyield.analytics.calc;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The leaderboard's rank as a tier (docs/methodology-notes.md "Tied ranks"): a row's rank
 * is 1 + the number of rows whose accuracy is better with the paired interval above 0
 * (LMArena's rule), so rows no interval separates share a rank.
 * <p>
 * The paired accuracy gap of two configs is {@code mean(a_p(upper) − a_p(lower))} over
 * the prompts graded on both, with its Poisson-bootstrap interval over those prompts
 * ({@link GapSums}). All pairs of a leaderboard share one seed, so a prompt weighs the
 * same in every pair of a resample.
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
	 * none is. The same number as its entry of {@link #gaps}.
	 */
	public Estimate gap(Collection<PromptMeans> lower, Collection<PromptMeans> upper, long seed) {
		return gaps(List.of(differences(lower, upper)), seed)[0];
	}

	/**
	 * The paired differences of two configs: {@code values[i] = a_p(upper) − a_p(lower)}
	 * for {@code p = prompts[i]}, over the prompts graded on both, in ascending prompt
	 * id.
	 */
	public record Differences(long[] prompts, double[] values) {

		public Differences {
			if (prompts.length != values.length) {
				throw new IllegalArgumentException("one value per prompt");
			}
		}

	}

	public static Differences differences(Collection<PromptMeans> lower, Collection<PromptMeans> upper) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(lower);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(upper);
		long[] prompts = new long[x.size()];
		double[] diffs = new double[x.size()];
		int n = 0;
		for (Map.Entry<Long, PromptMeans> e : x.entrySet()) {
			double d = GapSums.difference(e.getValue(), y.get(e.getKey()));
			if (!Double.isNaN(d)) {
				prompts[n] = e.getKey();
				diffs[n++] = d;
			}
		}
		return new Differences(Arrays.copyOf(prompts, n), Arrays.copyOf(diffs, n));
	}

	/**
	 * The mean of each column of differences with its Poisson-bootstrap interval
	 * ({@link GapSums}). All columns share the seed, so a prompt's weights are drawn once
	 * for every column it is in; each equals what that column alone would give.
	 */
	public Estimate[] gaps(List<Differences> differences, long seed) {
		int width = differences.size();
		GapSums[] sums = new GapSums[width];
		SortedSet<Long> prompts = new TreeSet<>();
		for (int c = 0; c < width; c++) {
			sums[c] = new GapSums(seed, this.bootstrap);
			for (long p : differences.get(c).prompts()) {
				prompts.add(p);
			}
		}
		int[] at = new int[width];
		long[] weights = new long[this.bootstrap.resamples()];
		for (long p : prompts) {
			PoissonWeights.fill(seed, p, weights);
			for (int c = 0; c < width; c++) {
				Differences d = differences.get(c);
				if (at[c] < d.prompts().length && d.prompts()[at[c]] == p) {
					sums[c].add(weights, d.values()[at[c]++], 1);
				}
			}
		}
		Estimate[] out = new Estimate[width];
		for (int c = 0; c < width; c++) {
			out[c] = sums[c].gap();
		}
		return out;
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
