package org.tokenyield.analytics;

import java.util.Collections;
import java.util.Map;

/**
 * The leaderboard's last read of the summary for one filter ({@link ConfigMeansQuery}):
 * the point it was read at and its rows in read order, which the next read patches with
 * the rows changed since; {@code patches} counts the reads in a row that patched instead
 * of reading in full.
 */
record SummaryRead(Point point, Map<Key, ConfigMeansQuery.Row> rows, long patches) {

	SummaryRead {
		rows = Collections.unmodifiableMap(rows);
	}

	/**
	 * The snapshot a read saw ({@code pg_current_snapshot()}, as text) and the summary's
	 * epoch then (V27: moved when summary rows are removed or a prompt changes, which no
	 * row's stamp can tell).
	 */
	record Point(String snapshot, long epoch) {
	}

	/** A row of the read: a config and one of its prompts. */
	record Key(ConfigKey config, long promptId) {
	}

}
