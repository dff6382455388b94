package org.tokenyield.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.tokenyield.analytics.ConfigMeansQuery.Changes;
import org.tokenyield.analytics.ConfigMeansQuery.Summary;
import org.tokenyield.analytics.calc.Bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leaderboard's intervals, kept per filter as Poisson resample sums
 * ({@link LeaderboardResamples}) that each patched summary read moves prompt by prompt: a
 * new run changes one (config, prompt) group, and its row's intervals follow in O(B)
 * whatever the number of prompts (docs/live-figures.md "Intervals follow each prompt"). A
 * read in full, or one patching a read these sums never saw, rebuilds them.
 */
final class LeaderboardIntervals {

	private static final Logger log = LoggerFactory.getLogger(LeaderboardIntervals.class);

	/** The filters a page shows while runs arrive, as ConfigMeansQuery keeps reads. */
	private static final int FILTERS = 8;

	private final Map<FigureFilter, Held> held = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<FigureFilter, Held> eldest) {
			return size() > FILTERS;
		}
	});

	private final LongFunction<String> modelKeys;

	private final AtomicLong rebuilds = new AtomicLong();

	private final Bootstrap bootstrap;

	/**
	 * @param modelKeys a model version's key by its id (part of every seed)
	 */
	LeaderboardIntervals(LongFunction<String> modelKeys) {
		this(modelKeys, Bootstrap.standard());
	}

	LeaderboardIntervals(LongFunction<String> modelKeys, Bootstrap bootstrap) {
		this.modelKeys = modelKeys;
		this.bootstrap = bootstrap;
	}

	/** The sums of one filter and the summary read they hold. */
	private static final class Held {

		final LeaderboardResamples resamples;

		long read = -1;

		Held(LeaderboardResamples resamples) {
			this.resamples = resamples;
		}

	}

	/**
	 * Reads the summary with {@code read} and applies {@code reader} to it and the
	 * filter's sums brought up to it. One at a time per filter, the read included: each
	 * read patches the one these sums hold, so its change list applies (two recomputes of
	 * a filter racing each other would otherwise each find the other's read and rebuild),
	 * and the sums (not thread-safe) see one reader at a time.
	 */
	<T> T read(FigureFilter filter, Supplier<Summary> read, BiFunction<Summary, LeaderboardResamples, T> reader) {
		Held h = this.held.computeIfAbsent(filter,
				f -> new Held(new LeaderboardResamples(f, this.modelKeys, this.bootstrap)));
		synchronized (h) {
			Summary summary = read.get();
			Changes changes = summary.changes();
			if (h.read != changes.read() && !(h.read >= 0 && changes.appliesTo(h.read) && applied(h, changes))) {
				long began = System.nanoTime();
				h.resamples.rebuild(summary.means());
				this.rebuilds.incrementAndGet();
				log.info("Leaderboard intervals of {} rebuilt from {} read in full in {} ms", filter.seedText(),
						changes.inFull() ? "a summary" : "an unknown patched", (System.nanoTime() - began) / 1_000_000);
			}
			h.read = changes.read();
			return reader.apply(summary, h.resamples);
		}
	}

	/** Applies a patched read's changes; false when they did not fit (rebuild). */
	private static boolean applied(Held h, Changes changes) {
		try {
			h.resamples.apply(changes.list());
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/** Rebuilds of a filter's sums from a whole summary read, since start. */
	long rebuilds() {
		return this.rebuilds.get();
	}

}
