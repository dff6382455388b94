package org.tokenyield.analytics;

import java.util.Arrays;
import java.util.function.Consumer;

import org.tokenyield.analytics.calc.PromptMeans;

/**
 * One config's means by prompt id, ascending, in two parallel arrays: what
 * {@link LeaderboardResamples} keeps of every (config, prompt) group. A tree map spent 56
 * bytes a group on its entry and boxed key (docs/benchmark.md, heap at a million groups).
 * New prompts have the highest ids, so they are appended; a group put or removed among
 * the others shifts the ones after it (microseconds at tens of thousands of prompts). Not
 * thread-safe, like its owner.
 */
final class MeansByPrompt {

	/** Holds nothing and is never changed: the means of a config with none. */
	static final MeansByPrompt EMPTY = new MeansByPrompt();

	private long[] prompts = new long[0];

	private PromptMeans[] means = new PromptMeans[0];

	private int size;

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/** The prompt's means, or null. */
	PromptMeans get(long prompt) {
		int i = Arrays.binarySearch(this.prompts, 0, this.size, prompt);
		return (i >= 0) ? this.means[i] : null;
	}

	/** Puts the means of their prompt, in place of those it had. */
	void put(PromptMeans m) {
		if (this == EMPTY) {
			throw new UnsupportedOperationException("the empty means are never changed");
		}
		long prompt = m.promptId();
		int at = (this.size == 0 || this.prompts[this.size - 1] < prompt) ? -(this.size + 1)
				: Arrays.binarySearch(this.prompts, 0, this.size, prompt);
		if (at >= 0) {
			this.means[at] = m;
			return;
		}
		at = -(at + 1);
		if (this.size == this.prompts.length) {
			int capacity = Math.max(8, this.size + (this.size >> 1));
			this.prompts = Arrays.copyOf(this.prompts, capacity);
			this.means = Arrays.copyOf(this.means, capacity);
		}
		System.arraycopy(this.prompts, at, this.prompts, at + 1, this.size - at);
		System.arraycopy(this.means, at, this.means, at + 1, this.size - at);
		this.prompts[at] = prompt;
		this.means[at] = m;
		this.size++;
	}

	/** Removes the prompt's means; those removed, or null. */
	PromptMeans remove(long prompt) {
		int at = Arrays.binarySearch(this.prompts, 0, this.size, prompt);
		if (at < 0) {
			return null;
		}
		PromptMeans removed = this.means[at];
		System.arraycopy(this.prompts, at + 1, this.prompts, at, this.size - at - 1);
		System.arraycopy(this.means, at + 1, this.means, at, this.size - at - 1);
		this.size--;
		this.means[this.size] = null;
		return removed;
	}

	/** The prompts held, ascending (a copy: the caller may change these means). */
	long[] prompts() {
		return Arrays.copyOf(this.prompts, this.size);
	}

	/** Each prompt's means, by ascending prompt id. */
	void forEach(Consumer<PromptMeans> action) {
		for (int i = 0; i < this.size; i++) {
			action.accept(this.means[i]);
		}
	}

}
