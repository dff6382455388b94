package org.tokenyield.analytics.calc;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Pairs per-prompt rows by prompt id. Paired prompts are always taken in ascending prompt
 * id, so a bootstrap index means the same prompt whatever order the query returned the
 * rows in.
 */
final class Pairing {

	private Pairing() {
	}

	static void requireUniquePrompts(List<PromptMeans> means) {
		byPrompt(means);
	}

	/**
	 * Rows by prompt id, ascending; a prompt listed twice is a query bug and fails
	 * loudly.
	 */
	static SortedMap<Long, PromptMeans> byPrompt(Collection<PromptMeans> means) {
		SortedMap<Long, PromptMeans> map = new TreeMap<>();
		for (PromptMeans m : means) {
			if (map.put(m.promptId(), m) != null) {
				throw new IllegalArgumentException("prompt " + m.promptId() + " listed twice");
			}
		}
		return map;
	}

	/**
	 * Prompt ids (ascending) present in every map and accepted by {@code keep} in each of
	 * them.
	 */
	static long[] common(Collection<? extends Map<Long, PromptMeans>> maps, Predicate<PromptMeans> keep) {
		if (maps.isEmpty()) {
			return new long[0];
		}
		Map<Long, PromptMeans> first = maps.iterator().next();
		return first.keySet().stream().filter(id -> {
			for (Map<Long, PromptMeans> map : maps) {
				PromptMeans m = map.get(id);
				if (m == null || !keep.test(m)) {
					return false;
				}
			}
			return true;
		}).sorted().mapToLong(Long::longValue).toArray();
	}

}
