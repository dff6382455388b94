package org.tokenyield.vocabularies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.tokenyield.analytics.calc.Bootstrap;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.Seeds;

/**
 * The cross-family figure (docs/methodology-notes.md, "Cross-family input drift"), pure
 * over {@link TokenCount} rows. For a tokenizer Y against the baseline X, over the
 * prompts both counted: input drift {@code exp(mean ln(t_p(Y) / t_p(X))) - 1}, the same
 * formula as a version's input drift, and characters per token
 * {@code sum chars / sum t_p(Y)}; both with a 95 % percentile-bootstrap interval over
 * prompts (seeded from the pair of keys and the group).
 */
public final class CrossFamilyDrift {

	private final Bootstrap bootstrap;

	CrossFamilyDrift(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * One group of prompts: how many, their length, the tokens Y needed, and the two
	 * figures.
	 */
	public record Group(int prompts, long chars, long tokens, Estimate charsPerToken, Estimate inputDrift) {

	}

	/**
	 * One tokenizer against the baseline: all paired prompts, then by script and by
	 * category.
	 */
	public record Row(String model, Group overall, Map<String, Group> byScript, SortedMap<String, Group> byCategory) {

	}

	List<Row> compare(String baseline, List<String> models, List<TokenCount> counts) {
		Map<Long, TokenCount> base = new LinkedHashMap<>();
		counts.stream().filter(c -> c.model().equals(baseline)).forEach(c -> base.put(c.promptId(), c));
		List<Row> rows = new ArrayList<>();
		for (String model : models) {
			List<TokenCount[]> pairs = counts.stream()
				.filter(c -> c.model().equals(model) && base.containsKey(c.promptId()))
				.map(c -> new TokenCount[] { base.get(c.promptId()), c })
				.toList();
			long seed = Seeds.seedOf("cross-family", baseline, model);
			Map<String, Group> byScript = new LinkedHashMap<>();
			for (Script script : Script.values()) {
				List<TokenCount[]> in = pairs.stream().filter(p -> p[1].script() == script).toList();
				if (!in.isEmpty()) {
					byScript.put(script.apiName(), group(in, Seeds.derive(seed, "script", script.apiName())));
				}
			}
			SortedMap<String, Group> byCategory = new TreeMap<>();
			group(pairs, p -> p[1].category()).forEach(
					(category, in) -> byCategory.put(category, group(in, Seeds.derive(seed, "category", category))));
			rows.add(new Row(model, group(pairs, seed), byScript, byCategory));
		}
		return rows;
	}

	private static SortedMap<String, List<TokenCount[]>> group(List<TokenCount[]> pairs,
			Function<TokenCount[], String> key) {
		SortedMap<String, List<TokenCount[]>> out = new TreeMap<>();
		pairs.forEach(p -> out.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p));
		return out;
	}

	private Group group(List<TokenCount[]> pairs, long seed) {
		int n = pairs.size();
		long[] chars = pairs.stream().mapToLong(p -> p[1].chars()).toArray();
		long[] tokens = pairs.stream().mapToLong(p -> p[1].tokens()).toArray();
		Estimate charsPerToken = this.bootstrap.estimate(n, seed, idx -> {
			double c = 0;
			double t = 0;
			for (int i : idx) {
				c += chars[i];
				t += tokens[i];
			}
			return c / t;
		});
		// a prompt counted as 0 tokens on either side (an empty text) says nothing about
		// a ratio
		double[] logRatios = pairs.stream()
			.filter(p -> p[0].tokens() > 0 && p[1].tokens() > 0)
			.mapToDouble(p -> Math.log((double) p[1].tokens() / p[0].tokens()))
			.toArray();
		Estimate drift = this.bootstrap.estimate(logRatios.length, Seeds.derive(seed, "input"), idx -> {
			double sum = 0;
			for (int i : idx) {
				sum += logRatios[i];
			}
			return Math.expm1(sum / idx.length);
		});
		return new Group(n, Arrays.stream(chars).sum(), Arrays.stream(tokens).sum(), charsPerToken, drift);
	}

}
