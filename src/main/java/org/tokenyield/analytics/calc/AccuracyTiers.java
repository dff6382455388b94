package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The leaderboard's rank as a tier (docs/methodology-notes.md "Tied ranks"): a row's rank
 * is 1 + the number of rows whose accuracy is better with the paired interval above 0
 * (LMArena's rule), so rows no interval separates share a rank.
 * <p>
 * The paired accuracy gap of two configs is {@code mean(a_p(upper) − a_p(lower))} over
 * the prompts graded on both, with its percentile bootstrap interval over those prompts.
 * All pairs of a leaderboard share one seed, so pairs over the same number of prompts
 * share their resamples and are computed together.
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
	 * {@code a_p(upper) − a_p(lower)} over the prompts graded on both, in ascending
	 * prompt id.
	 */
	public static double[] differences(Collection<PromptMeans> lower, Collection<PromptMeans> upper) {
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
		return Arrays.copyOf(diffs, n);
	}

	/**
	 * The mean of each column of differences with its percentile interval. Columns of the
	 * same length share their resamples (one draw of n indices per resample for all of
	 * them, then a weighted sum per column: a leaderboard's pairs mostly have the same
	 * prompts), and each equals what that column alone would give with the same seed.
	 */
	public Estimate[] gaps(List<double[]> differences, long seed) {
		Estimate[] out = new Estimate[differences.size()];
		Map<Integer, List<Integer>> byLength = new TreeMap<>();
		for (int c = 0; c < differences.size(); c++) {
			byLength.computeIfAbsent(differences.get(c).length, n -> new ArrayList<>()).add(c);
		}
		byLength.forEach((n, columns) -> {
			int width = columns.size();
			double[][] d = new double[width][];
			for (int j = 0; j < width; j++) {
				d[j] = differences.get(columns.get(j));
			}
			int[] drawn = new int[n];
			int[] at = new int[n];
			int[] times = new int[n];
			Estimate[] e = this.bootstrap.estimates(n, seed, width, (idx, values) -> {
				Arrays.fill(drawn, 0);
				for (int i : idx) {
					drawn[i]++;
				}
				// the prompts drawn (about 63 % of them), in prompt order, for every
				// column
				int m = 0;
				for (int i = 0; i < n; i++) {
					if (drawn[i] != 0) {
						at[m] = i;
						times[m++] = drawn[i];
					}
				}
				for (int j = 0; j < width; j++) {
					double sum = 0;
					double[] column = d[j];
					for (int q = 0; q < m; q++) {
						sum += times[q] * column[at[q]];
					}
					values[j] = sum / n;
				}
			});
			for (int j = 0; j < width; j++) {
				out[columns.get(j)] = e[j];
			}
		});
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
