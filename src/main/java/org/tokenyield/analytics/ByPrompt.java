package org.tokenyield.analytics;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One config's values by prompt id, ascending, in two parallel arrays: how the
 * leaderboard keeps every (config, prompt) group, its summary rows ({@link SummaryRead})
 * and its means ({@link LeaderboardResamples}). A tree map spent 56 to 64 bytes a group
 * on its entry and key (docs/benchmark.md, heap at a million groups). New prompts have
 * the highest ids, so they are appended; a group put or removed among the others shifts
 * the ones after it (microseconds at tens of thousands of prompts). Not thread-safe, like
 * its owners.
 *
 * @param <T> the value of a group
 */
final class ByPrompt<T> {

	private static final ByPrompt<?> EMPTY = new ByPrompt<>();

	private long[] prompts = new long[0];

	private Object[] values = new Object[0];

	private int size;

	/** Holds nothing and is never changed: the groups of a config with none. */
	@SuppressWarnings("unchecked")
	static <T> ByPrompt<T> empty() {
		return (ByPrompt<T>) EMPTY;
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** The prompt's value, or null. */
	T get(long prompt) {
		int i = Arrays.binarySearch(this.prompts, 0, this.size, prompt);
		return (i >= 0) ? value(i) : null;
	}

	/** Puts the prompt's value; the one it replaces, or null. */
	T put(long prompt, T value) {
		if (this == EMPTY) {
			throw new UnsupportedOperationException("the empty groups are never changed");
		}
		int at = (this.size == 0 || this.prompts[this.size - 1] < prompt) ? -(this.size + 1)
				: Arrays.binarySearch(this.prompts, 0, this.size, prompt);
		if (at >= 0) {
			T old = value(at);
			this.values[at] = value;
			return old;
		}
		at = -(at + 1);
		if (this.size == this.prompts.length) {
			int capacity = Math.max(8, this.size + (this.size >> 1));
			this.prompts = Arrays.copyOf(this.prompts, capacity);
			this.values = Arrays.copyOf(this.values, capacity);
		}
		System.arraycopy(this.prompts, at, this.prompts, at + 1, this.size - at);
		System.arraycopy(this.values, at, this.values, at + 1, this.size - at);
		this.prompts[at] = prompt;
		this.values[at] = value;
		this.size++;
		return null;
	}

	/** Removes the prompt's value; the one removed, or null. */
	T remove(long prompt) {
		int at = Arrays.binarySearch(this.prompts, 0, this.size, prompt);
		if (at < 0) {
			return null;
		}
		T removed = value(at);
		System.arraycopy(this.prompts, at + 1, this.prompts, at, this.size - at - 1);
		System.arraycopy(this.values, at + 1, this.values, at, this.size - at - 1);
		this.size--;
		this.values[this.size] = null;
		return removed;
	}

	/** The prompts held, ascending (a copy: the caller may change these groups). */
	long[] prompts() {
		return Arrays.copyOf(this.prompts, this.size);
	}

	/** Each prompt's value, by ascending prompt id. */
	void forEach(Consumer<? super T> action) {
		for (int i = 0; i < this.size; i++) {
			action.accept(value(i));
		}
	}

	@SuppressWarnings("unchecked")
	private T value(int i) {
		return (T) this.values[i];
	}

}
