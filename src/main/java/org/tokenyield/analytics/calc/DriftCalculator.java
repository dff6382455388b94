package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Token drift and accuracy change between an older config X and a newer config Y over the
 * paired prompts (METRICS.md sections 1 and 2).
 * <ul>
 * <li>drift of kind k: {@code D_k = exp(mean ln(k_p(Y) / k_p(X))) - 1} over the paired
 * prompts where both sides are known and non-zero; the bootstrap resamples exactly those
 * prompts;</li>
 * <li>{@code ΔA = mean(a_p(Y) - a_p(X))} over the paired prompts graded on both
 * sides;</li>
 * <li>the verdict crosses the directions of D_generated and ΔA.</li>
 * </ul>
 * Both sides of a pair always travel together in a resample (one index, two values).
 */
public final class DriftCalculator {

	/**
	 * Column of the accuracy change (a mean of differences); the others are log ratios.
	 */
	private static final int ACCURACY = 3;

	private final Bootstrap bootstrap;

	public DriftCalculator() {
		this(Bootstrap.standard());
	}

	public DriftCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/** Drift from {@code older} to {@code newer}, paired by prompt id. */
	public DriftEstimate compare(Collection<PromptMeans> older, Collection<PromptMeans> newer, long seed) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(older);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(newer);
		List<PromptMeans[]> pairs = new ArrayList<>();
		for (Map.Entry<Long, PromptMeans> e : x.entrySet()) {
			PromptMeans other = y.get(e.getKey());
			if (other != null) {
				pairs.add(new PromptMeans[] { e.getValue(), other });
			}
		}
		return compare(pairs, seed);
	}

	/**
	 * Drift per category, keyed by category name (sorted). A pair takes the newer side's
	 * category (the older one's when the newer has none); prompts without category only
	 * count overall. Each category gets its own seed derived from {@code seed} and the
	 * category name.
	 */
	public SortedMap<String, DriftEstimate> compareByCategory(Collection<PromptMeans> older,
			Collection<PromptMeans> newer, long seed) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(older);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(newer);
		SortedMap<String, List<PromptMeans[]>> groups = new TreeMap<>();
		for (Map.Entry<Long, PromptMeans> e : x.entrySet()) {
			PromptMeans other = y.get(e.getKey());
			if (other == null) {
				continue;
			}
			String category = (other.category() != null) ? other.category() : e.getValue().category();
			if (category != null) {
				groups.computeIfAbsent(category, c -> new ArrayList<>()).add(new PromptMeans[] { e.getValue(), other });
			}
		}
		SortedMap<String, DriftEstimate> out = new TreeMap<>();
		groups
			.forEach((category, pairs) -> out.put(category, compare(pairs, Seeds.derive(seed, "category", category))));
		return out;
	}

	private DriftEstimate compare(List<PromptMeans[]> pairs, long seed) {
		double[][] columns = { logRatios(pairs, PromptMeans::input), logRatios(pairs, PromptMeans::generated),
				logRatios(pairs, PromptMeans::reasoning), scoreDiffs(pairs) };
		Estimate[] e = new Estimate[columns.length];
		// columns of the same length see the same resamples (same n, same seed): draw
		// them once
		boolean[] done = new boolean[columns.length];
		for (int j = 0; j < columns.length; j++) {
			if (done[j]) {
				continue;
			}
			int n = columns[j].length;
			int[] group = IntStream.range(j, columns.length).filter(i -> !done[i] && columns[i].length == n).toArray();
			Estimate[] shared = this.bootstrap.estimates(n, seed, group.length, (idx, out) -> {
				for (int g = 0; g < group.length; g++) {
					double mean = Stats.mean(columns[group[g]], idx);
					out[g] = (group[g] == ACCURACY) ? mean : Math.expm1(mean);
				}
			});
			for (int g = 0; g < group.length; g++) {
				e[group[g]] = shared[g];
				done[group[g]] = true;
			}
		}
		return new DriftEstimate(pairs.size(), e[0], e[1], e[2], e[ACCURACY], Verdict.of(e[1], e[ACCURACY]));
	}

	/** ln(k_p(Y) / k_p(X)) over the pairs where both sides are known and non-zero. */
	private static double[] logRatios(List<PromptMeans[]> pairs, Function<PromptMeans, Double> kind) {
		double[] logRatios = new double[pairs.size()];
		int n = 0;
		for (PromptMeans[] pair : pairs) {
			Double before = kind.apply(pair[0]);
			Double after = kind.apply(pair[1]);
			// 0 or unknown on either side says nothing about a ratio: skip the prompt.
			if (before != null && after != null && before > 0 && after > 0) {
				logRatios[n++] = Math.log(after / before);
			}
		}
		return Arrays.copyOf(logRatios, n);
	}

	/** a_p(Y) - a_p(X) over the pairs graded on both sides. */
	private static double[] scoreDiffs(List<PromptMeans[]> pairs) {
		return pairs.stream()
			.filter(p -> p[0].score() != null && p[1].score() != null)
			.mapToDouble(p -> p[1].score() - p[0].score())
			.toArray();
	}

}
