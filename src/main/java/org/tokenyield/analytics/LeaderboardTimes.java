package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tokenyield.analytics.ConfigMeansQuery.Changes;
import org.tokenyield.analytics.calc.TimePerTask;

/**
 * The time per task of the leaderboard's shown configs, kept per filter from one summary
 * read to the next: a config's latency buckets move only with its runs, and a run that
 * moves them rewrites the config's summary group too, so a patched read names every
 * config whose time may have moved ({@link Changes#touched}). Only those are read again
 * (a new run: one config, not every shown config's prompts x buckets); a read in full, or
 * one patching a read this never saw, reads them all.
 * <p>
 * The caller reads one filter at a time ({@link LeaderboardIntervals} holds its lock).
 */
final class LeaderboardTimes {

	/** As many filters as {@link LeaderboardIntervals} keeps sums for. */
	private static final int FILTERS = 8;

	private final Map<FigureFilter, Kept> kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<FigureFilter, Kept> eldest) {
			return size() > FILTERS;
		}
	});

	private static final class Kept {

		/** The summary read the times match, -1 while none does. */
		long read = -1;

		final Map<ConfigKey, TimePerTask> times = new HashMap<>();

	}

	/**
	 * The time per task of {@code shown} as of the summary read whose changes are
	 * {@code changes}, reading with {@code read} only the configs not kept.
	 */
	Map<ConfigKey, TimePerTask> times(FigureFilter filter, Changes changes, Collection<ConfigKey> shown,
			Function<List<ConfigKey>, Map<ConfigKey, TimePerTask>> read) {
		Kept k = this.kept.computeIfAbsent(filter, f -> new Kept());
		synchronized (k) {
			if (k.read >= 0 && changes.appliesTo(k.read)) {
				changes.touched().forEach(k.times::remove);
			}
			else {
				k.times.clear();
			}
			// unknown until the missing ones are read: a failed read leaves nothing kept
			k.read = -1;
			List<ConfigKey> missing = new ArrayList<>();
			for (ConfigKey config : shown) {
				if (!k.times.containsKey(config)) {
					missing.add(config);
				}
			}
			if (!missing.isEmpty()) {
				Map<ConfigKey, TimePerTask> found = read.apply(missing);
				missing.forEach(config -> k.times.put(config, found.getOrDefault(config, TimePerTask.NONE)));
			}
			k.read = changes.read();
			Map<ConfigKey, TimePerTask> out = new LinkedHashMap<>();
			shown.forEach(config -> out.put(config, k.times.get(config)));
			return out;
		}
	}

}
