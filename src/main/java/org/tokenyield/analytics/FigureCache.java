package org.tokenyield.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Computed figures keyed by what they were computed from: the figure's name and arguments and
 * {@link SummaryRefresher#refreshedAt()}. Every refresh of the summary changes the key, so an
 * entry is never served after the data under it changed (figures read from runs follow the same
 * clock: a run lands, marks the summary stale, and the next refresh moves every key on). A small
 * LRU map: warm requests cost one indexed single-row query plus a map lookup.
 */
@Component
public class FigureCache {

	private final SummaryRefresher refresher;

	private final Map<List<Object>, Object> entries;

	private long hits;

	private long misses;

	FigureCache(SummaryRefresher refresher, @Value("${app.analytics.cache-size:256}") int size) {
		this.refresher = refresher;
		this.entries = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
				return size() > size;
			}
		};
	}

	/** The cached value of {@code parts} at the current summary, computing it (outside the lock) when missing. */
	@SuppressWarnings("unchecked")
	public <T> T get(Supplier<T> compute, Object... parts) {
		List<Object> key = new java.util.ArrayList<>(parts.length + 1);
		for (Object part : parts) {
			key.add(part);
		}
		key.add(this.refresher.refreshedAt());
		List<Object> frozen = java.util.Collections.unmodifiableList(key);
		synchronized (this.entries) {
			Object hit = this.entries.get(frozen);
			if (hit != null) {
				this.hits++;
				return (T) hit;
			}
			this.misses++;
		}
		T value = compute.get();
		if (value != null) {
			synchronized (this.entries) {
				this.entries.put(frozen, value);
			}
		}
		return value;
	}

	/** Drops every entry (tests, and after a catalog change made outside the summary's clock). */
	public void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

	public long hits() {
		synchronized (this.entries) {
			return this.hits;
		}
	}

	public long misses() {
		synchronized (this.entries) {
			return this.misses;
		}
	}

}
