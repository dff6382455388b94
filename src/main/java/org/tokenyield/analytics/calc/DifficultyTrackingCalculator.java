package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The Spearman rank correlation between a prompt's mean generated tokens and its
 * difficulty, per setting of a sweep (docs/methodology-notes.md "Difficulty tracking"):
 * the Pearson correlation of the midranks (ties share the mean of their ranks).
 * <p>
 * The interval resamples prompts (percentile bootstrap, B = 2000, 95 %) and ranks each
 * resample again: a prompt drawn w times enters with weight w, so its midrank counts the
 * weights below it plus (its tie group's weight + 1) / 2. Sorting once by each side and
 * walking the sorted order with the weights makes a resample O(n).
 */
public final class DifficultyTrackingCalculator {

	/** A correlation needs three points to say anything. */
	public static final int MIN_PROMPTS = 3;

	private final Bootstrap bootstrap;

	public DifficultyTrackingCalculator() {
		this(Bootstrap.standard());
	}

	public DifficultyTrackingCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * @param bySetting per-prompt means of each setting, in the sweep's order
	 * @param difficulty per prompt id, 1 − pass rate as seen from the version; a prompt
	 * without one is left out
	 */
	public List<DifficultyTracking> of(Map<String, List<PromptMeans>> bySetting, Map<Long, Double> difficulty,
			long seed) {
		List<DifficultyTracking> out = new ArrayList<>();
		bySetting.forEach((setting, means) -> {
			SortedMap<Long, PromptMeans> byPrompt = Pairing.byPrompt(means);
			List<double[]> points = new ArrayList<>();
			byPrompt.forEach((id, m) -> {
				Double d = difficulty.get(id);
				if (m.generated() != null && d != null) {
					points.add(new double[] { m.generated(), d });
				}
			});
			int n = points.size();
			double[] tokens = points.stream().mapToDouble(p -> p[0]).toArray();
			double[] hardness = points.stream().mapToDouble(p -> p[1]).toArray();
			out.add(new DifficultyTracking(setting, n, rho(tokens, hardness, Seeds.derive(seed, "tracking", setting))));
		});
		return List.copyOf(out);
	}

	/** Spearman's ρ of x and y with its interval; undefined with fewer than 3 points. */
	public Estimate rho(double[] x, double[] y, long seed) {
		int n = x.length;
		if (n < MIN_PROMPTS) {
			return Estimate.UNDEFINED;
		}
		Ranker rx = new Ranker(x);
		Ranker ry = new Ranker(y);
		int[] weights = new int[n];
		double[] ranksX = new double[n];
		double[] ranksY = new double[n];
		return this.bootstrap.estimate(n, seed, idx -> {
			Arrays.fill(weights, 0);
			for (int i : idx) {
				weights[i]++;
			}
			rx.midranks(weights, ranksX);
			ry.midranks(weights, ranksY);
			return weightedPearson(weights, ranksX, ranksY);
		});
	}

	private static double weightedPearson(int[] w, double[] a, double[] b) {
		double total = 0;
		double sa = 0;
		double sb = 0;
		for (int i = 0; i < w.length; i++) {
			total += w[i];
			sa += w[i] * a[i];
			sb += w[i] * b[i];
		}
		double ma = sa / total;
		double mb = sb / total;
		double cov = 0;
		double va = 0;
		double vb = 0;
		for (int i = 0; i < w.length; i++) {
			if (w[i] != 0) {
				double da = a[i] - ma;
				double db = b[i] - mb;
				cov += w[i] * da * db;
				va += w[i] * da * da;
				vb += w[i] * db * db;
			}
		}
		return (va > 0 && vb > 0) ? cov / Math.sqrt(va * vb) : Double.NaN;
	}

	/** One side's order, sorted once; midranks of any weighting of its points. */
	private static final class Ranker {

		private final double[] values;

		private final int[] order;

		Ranker(double[] values) {
			this.values = values;
			this.order = java.util.stream.IntStream.range(0, values.length)
				.boxed()
				.sorted(Comparator.comparingDouble(i -> values[i]))
				.mapToInt(Integer::intValue)
				.toArray();
		}

		void midranks(int[] weights, double[] out) {
			int n = this.order.length;
			double below = 0;
			int start = 0;
			while (start < n) {
				int end = start;
				double groupWeight = 0;
				double v = this.values[this.order[start]];
				while (end < n && this.values[this.order[end]] == v) {
					groupWeight += weights[this.order[end]];
					end++;
				}
				double midrank = below + (groupWeight + 1) / 2;
				for (int j = start; j < end; j++) {
					out[this.order[j]] = midrank;
				}
				below += groupWeight;
				start = end;
			}
		}

	}

}
