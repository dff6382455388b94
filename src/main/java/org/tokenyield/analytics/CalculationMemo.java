package org.tokenyield.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The last results of the leaderboard's bootstraps, by their whole input (issue 7: while
 * runs arrive for one config, a new summary version recomputes that config's rows, not
 * every config's).
 *
 * <p>
 * A bootstrap is a pure function of its seed and its per-prompt means, so an input equal
 * to one seen before gives the same result: the memo compares the inputs themselves
 * (records of the summary's sums, not a hash of them), so a remembered result is always
 * the one the calculation would give. The least recently used results go first.
 */
final class CalculationMemo {

	private final Map<List<Object>, Object> results;

	private final AtomicLong calculated = new AtomicLong();

	CalculationMemo(int capacity) {
		this.results = Collections.synchronizedMap(new LinkedHashMap<>(capacity * 2, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
				return size() > capacity;
			}
		});
	}

	/**
	 * The result of {@code calculation} for {@code input}: remembered, or calculated now
	 * (outside the lock; two threads may both calculate a new input, with equal results).
	 */
	@SuppressWarnings("unchecked")
	<T> T get(List<Object> input, Supplier<T> calculation) {
		Object known = this.results.get(input);
		if (known != null) {
			return (T) known;
		}
		T result = calculation.get();
		this.calculated.incrementAndGet();
		if (result != null) {
			this.results.put(input, result);
		}
		return result;
	}

	/** Calculations made because no equal input was remembered. */
	long calculated() {
		return this.calculated.get();
	}

}
