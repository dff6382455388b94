package org.tokenyield.analytics;

import java.util.Collections;
import java.util.Comparator;
import java.util.SortedMap;

/**
 * The leaderboard's last read of the summary for one filter ({@link ConfigMeansQuery}):
 * the point it was read at and its rows in the order of {@link Key#ORDER}, which the next
 * read patches with the groups changed since; {@code number} names the read (its change
 * list says which read it patched) and {@code patches} counts the reads in a row that
 * patched instead of reading in full.
 */
record SummaryRead(Point point, SortedMap<Key, ConfigMeansQuery.Row> rows, long number, long patches) {

	SummaryRead {
		rows = Collections.unmodifiableSortedMap(rows);
	}

	/**
	 * The snapshot a read saw ({@code pg_current_snapshot()}, as text), the summary's
	 * epoch then (moved when the whole summary is rewritten) and the newest transaction
	 * whose logged changes were pruned (V32: a snapshot older than that reads in full).
	 */
	record Point(String snapshot, long epoch, String prunedThrough) {

		/**
		 * Whether the changes since this point can still all be found: every pruned entry
		 * was visible to it (older than its {@code xmin}).
		 */
		boolean changesKeptSince(Point now) {
			long xmin = Long.parseUnsignedLong(this.snapshot.substring(0, this.snapshot.indexOf(':')));
			return this.epoch == now.epoch && Long.parseUnsignedLong(now.prunedThrough) < xmin;
		}

	}

	/** A row of the read: a config and one of its prompts. */
	record Key(ConfigKey config, long promptId) {

		/**
		 * The order of the rows: model, setting, prompt (as the SQL sorts them), so a new
		 * group has its place among the rows kept.
		 */
		static final Comparator<Key> ORDER = Comparator.comparingLong((Key k) -> k.config().modelId())
			.thenComparing(k -> k.config().setting())
			.thenComparingLong(Key::promptId);

	}

}
