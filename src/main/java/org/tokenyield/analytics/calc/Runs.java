package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Groups run observations by prompt (ascending id), each prompt's runs by sample index.
 */
final class Runs {

	private static final Comparator<RunObservation> BY_SAMPLE = Comparator.comparingInt(RunObservation::sample);

	private Runs() {
	}

	static SortedMap<Long, List<RunObservation>> byPrompt(Collection<RunObservation> runs,
			Predicate<RunObservation> keep) {
		SortedMap<Long, List<RunObservation>> map = new TreeMap<>();
		for (RunObservation run : runs) {
			if (keep.test(run)) {
				map.computeIfAbsent(run.promptId(), id -> new ArrayList<>()).add(run);
			}
		}
		map.values().forEach(list -> list.sort(BY_SAMPLE));
		return map;
	}

}
