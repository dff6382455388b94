package org.tokenyield.analytics.freshness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The computed figures {@link FigureCache} keeps: at most
 * {@code app.analytics.cache-size}, the least recently read dropped first, each with the
 * summary version it was computed from, and how reads found them (current, stale,
 * missing) for the metrics.
 */
final class FigureEntries {

	/**
	 * A computed figure and what it was computed from; {@code supplier} recomputes it,
	 * which took {@code computeNanos} last time and ended at {@code computedNanos};
	 * {@code first} figures recompute on the first lane.
	 */
	record FigureEntry(Object value, Instant asOf, Supplier<?> supplier, long lastReadNanos, long computeNanos,
			long computedNanos, boolean first) {

		FigureEntry read() {
			return new FigureEntry(this.value, this.asOf, this.supplier, System.nanoTime(), this.computeNanos,
					this.computedNanos, this.first);
		}

	}

	private final Map<List<Object>, FigureEntry> entries;

	/**
	 * Moves on at every {@link #clear()}: a computation started before it stores nothing.
	 */
	private long generation;

	private long hits;

	private long staleHits;

	private long misses;

	FigureEntries(int size) {
		this.entries = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, FigureEntry> eldest) {
				return size() > size;
			}
		};
	}

	/**
	 * The entry a reader may be served: current (at {@code current}) and not below the
	 * reader's {@code floor}, or outdated but above the floor for a reader outside any
	 * computation ({@code nested} readers must have current figures); null otherwise.
	 */
	synchronized FigureEntry lookup(List<Object> key, Instant current, Instant floor, boolean nested) {
		FigureEntry hit = this.entries.get(key);
		if (hit != null) {
			this.entries.put(key, hit.read());
			boolean isCurrent = !hit.asOf().isBefore(current);
			boolean aboveFloor = floor == null || !hit.asOf().isBefore(floor);
			if (isCurrent && aboveFloor) {
				this.hits++;
				return hit;
			}
			if (!nested && aboveFloor) {
				this.staleHits++;
				return hit;
			}
		}
		this.misses++;
		return null;
	}

	synchronized long generation() {
		return this.generation;
	}

	/**
	 * Keeps a computed figure unless the entries were cleared since its computation
	 * started ({@code startedGeneration}) or a newer one is there already; a kept figure
	 * keeps the time it was last read.
	 */
	synchronized void store(List<Object> key, FigureEntry computed, long startedGeneration) {
		FigureEntry present = this.entries.get(key);
		if (startedGeneration != this.generation) {
			return; // cleared meanwhile: computed before a forced refresh, so not kept
		}
		if (present == null) {
			this.entries.put(key, computed);
		}
		else if (!present.asOf().isAfter(computed.asOf())) {
			this.entries.put(key, new FigureEntry(computed.value(), computed.asOf(), computed.supplier(),
					present.lastReadNanos(), computed.computeNanos(), computed.computedNanos(), computed.first()));
		}
	}

	synchronized boolean isCurrent(List<Object> key, Instant current) {
		FigureEntry entry = this.entries.get(key);
		return entry != null && !entry.asOf().isBefore(current);
	}

	/** The entries read since {@code sinceNanos} ({@link System#nanoTime()}). */
	synchronized List<Map.Entry<List<Object>, FigureEntry>> readSince(long sinceNanos) {
		List<Map.Entry<List<Object>, FigureEntry>> recent = new ArrayList<>();
		this.entries.forEach((key, entry) -> {
			if (entry.lastReadNanos() - sinceNanos > 0) {
				recent.add(Map.entry(key, entry));
			}
		});
		return recent;
	}

	synchronized void clear() {
		this.entries.clear();
		this.generation++;
	}

	synchronized long hits() {
		return this.hits;
	}

	synchronized long staleHits() {
		return this.staleHits;
	}

	synchronized long misses() {
		return this.misses;
	}

}
