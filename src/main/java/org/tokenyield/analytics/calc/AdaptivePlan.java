package org.tokenyield.analytics.calc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Adaptive allocation of one model's sweep (METRICS.md section 7).
 *
 * @param prompts paired prompts (graded, with generated tokens, at every setting)
 * @param bandSizes prompts per band present
 * @param rows one per uniform setting, in the sweep's order
 */
public record AdaptivePlan(int prompts, Map<Band, Integer> bandSizes, List<AdaptiveRow> rows) {

	public AdaptivePlan {
		bandSizes = byBand(bandSizes);
		rows = List.copyOf(rows);
	}

	/** An unmodifiable copy iterating in band order (easy, medium, hard, unknown). */
	static <V> Map<Band, V> byBand(Map<Band, V> map) {
		Map<Band, V> copy = new EnumMap<>(Band.class);
		copy.putAll(map);
		return Collections.unmodifiableMap(copy);
	}

}
