package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Token drift and accuracy change between an older config X and a newer config Y over the
 * paired prompts (METRICS.md sections 1 and 2).
 * <ul>
 * <li>drift of kind k: {@code D_k = exp(mean ln(k_p(Y) / k_p(X))) - 1} over the paired prompts
 * where both sides are known and non-zero; the bootstrap resamples exactly those prompts;</li>
 * <li>{@code ΔA = mean(a_p(Y) - a_p(X))} over the paired prompts graded on both sides;</li>
 * <li>the verdict crosses the directions of D_generated and ΔA.</li>
 * </ul>
 * Both sides of a pair always travel together in a resample (one index, two values).
 */
public final class DriftCalculator {

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
	 * Drift per category, keyed by category name (sorted). A pair takes the newer side's category
	 * (the older one's when the newer has none); prompts without category only count overall.
	 * Each category gets its own seed derived from {@code seed} and the category name.
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
		groups.forEach((category, pairs) -> out.put(category, compare(pairs, Seeds.derive(seed, "category", category))));
		return out;
	}

	private DriftEstimate compare(List<PromptMeans[]> pairs, long seed) {
		Estimate input = drift(pairs, PromptMeans::input, seed);
		Estimate generated = drift(pairs, PromptMeans::generated, seed);
		Estimate reasoning = drift(pairs, PromptMeans::reasoning, seed);
		Estimate accuracy = accuracyChange(pairs, seed);
		return new DriftEstimate(pairs.size(), input, generated, reasoning, accuracy, Verdict.of(generated, accuracy));
	}

	private Estimate drift(List<PromptMeans[]> pairs, Function<PromptMeans, Double> kind, long seed) {
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
		double[] kept = java.util.Arrays.copyOf(logRatios, n);
		return this.bootstrap.estimate(n, seed, idx -> Math.expm1(Stats.mean(kept, idx)));
	}

	private Estimate accuracyChange(List<PromptMeans[]> pairs, long seed) {
		double[] diffs = pairs.stream()
			.filter(p -> p[0].score() != null && p[1].score() != null)
			.mapToDouble(p -> p[1].score() - p[0].score())
			.toArray();
		return this.bootstrap.estimate(diffs.length, seed, idx -> Stats.mean(diffs, idx));
	}

}
