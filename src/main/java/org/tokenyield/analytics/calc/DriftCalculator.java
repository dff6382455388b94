package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * Both sides of a pair always travel together in a resample: one Poisson weight per
 * prompt ({@link DriftSums}).
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
		DriftSums sums = new DriftSums(seed, this.bootstrap);
		for (PromptMeans[] pair : pairs) {
			sums.add(pair[0], pair[1]);
		}
		return sums.estimate();
	}

}
