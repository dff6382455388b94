package org.tokenyield.analytics.calc;

import java.util.Map;
import java.util.TreeMap;

/**
 * The median of a multiset of doubles that grows and shrinks, in O(log n) per change: the
 * lower half and the upper half, the lower one holding the extra value of an odd count.
 * Equals {@link Stats#median} of the same values. Not thread-safe.
 */
public final class RunningMedian {

	private final TreeMap<Double, Integer> lower = new TreeMap<>();

	private final TreeMap<Double, Integer> upper = new TreeMap<>();

	private int lowerSize;

	private int upperSize;

	public void add(double value) {
		if (this.lowerSize == 0 || Double.compare(value, this.lower.lastKey()) <= 0) {
			increment(this.lower, value);
			this.lowerSize++;
		}
		else {
			increment(this.upper, value);
			this.upperSize++;
		}
		balance();
	}

	public void remove(double value) {
		if (this.lower.containsKey(value)) {
			decrement(this.lower, value);
			this.lowerSize--;
		}
		else if (this.upper.containsKey(value)) {
			decrement(this.upper, value);
			this.upperSize--;
		}
		else {
			throw new IllegalStateException("removing " + value + ", which was never added");
		}
		balance();
	}

	public boolean isEmpty() {
		return this.lowerSize == 0;
	}

	/** NaN when empty. */
	public double median() {
		if (this.lowerSize == 0) {
			return Double.NaN;
		}
		return (this.lowerSize > this.upperSize) ? this.lower.lastKey()
				: (this.lower.lastKey() + this.upper.firstKey()) / 2;
	}

	private void balance() {
		while (this.lowerSize > this.upperSize + 1) {
			double moved = this.lower.lastKey();
			decrement(this.lower, moved);
			this.lowerSize--;
			increment(this.upper, moved);
			this.upperSize++;
		}
		while (this.upperSize > this.lowerSize) {
			double moved = this.upper.firstKey();
			decrement(this.upper, moved);
			this.upperSize--;
			increment(this.lower, moved);
			this.lowerSize++;
		}
	}

	private static void increment(Map<Double, Integer> counts, double value) {
		counts.merge(value, 1, Integer::sum);
	}

	private static void decrement(Map<Double, Integer> counts, double value) {
		counts.compute(value, (v, n) -> (n == 1) ? null : n - 1);
	}

}
