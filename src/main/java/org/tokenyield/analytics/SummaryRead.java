package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.tokenyield.analytics.calc.PromptMeans;

/**
 * A read of the summary for one filter ({@link ConfigMeansQuery}): its rows in the order
 * of {@link Key#ORDER} with each config's running totals, the point it was read at,
 * {@code number} naming the read (a change list says which read it patched) and
 * {@code patches} counting the reads in a row that patched instead of reading in full.
 * <p>
 * The filter's last read is kept and the next read patches it in place with the groups
 * changed since, moving the totals of the configs they belong to: a read costs what
 * changed, not the number of groups (docs/live-figures.md "Reading only what changed").
 * Not thread-safe: {@link ConfigMeansQuery} patches a read while holding its monitor.
 */
final class SummaryRead {

	private static final Comparator<ConfigKey> CONFIG_ORDER = Comparator.comparingLong(ConfigKey::modelId)
		.thenComparing(ConfigKey::setting);

	/** Each config's groups (its rows, by prompt). */
	private final SortedMap<ConfigKey, ByPrompt<ConfigMeansQuery.Row>> rows = new TreeMap<>(CONFIG_ORDER);

	private int groups;

	private final SortedMap<ConfigKey, ConfigTotals.Running> totals = new TreeMap<>(CONFIG_ORDER);

	private Point point;

	private long number;

	private long patches;

	SummaryRead(Point point, long number) {
		this.point = point;
		this.number = number;
	}

	Point point() {
		return this.point;
	}

	long number() {
		return this.number;
	}

	long patches() {
		return this.patches;
	}

	/** This read patched to become read {@code number} at {@code point}. */
	void patched(Point point, long number) {
		this.point = point;
		this.number = number;
		this.patches++;
	}

	ConfigMeansQuery.Row get(Key key) {
		return this.rows.getOrDefault(key.config(), ByPrompt.empty()).get(key.promptId());
	}

	/** The (config, prompt) groups held. */
	int groups() {
		return this.groups;
	}

	/** Puts a group in its place; the one it replaces, or null. */
	ConfigMeansQuery.Row put(Key key, ConfigMeansQuery.Row row) {
		ConfigMeansQuery.Row old = this.rows.computeIfAbsent(key.config(), c -> new ByPrompt<>())
			.put(key.promptId(), row);
		if (old == null) {
			this.groups++;
		}
		ConfigTotals.Running running = this.totals.computeIfAbsent(key.config(), c -> new ConfigTotals.Running());
		if (old != null) {
			running.remove(old);
		}
		running.add(row);
		return old;
	}

	/** Removes a group; the one removed, or null. */
	ConfigMeansQuery.Row remove(Key key) {
		ByPrompt<ConfigMeansQuery.Row> own = this.rows.get(key.config());
		ConfigMeansQuery.Row old = (own != null) ? own.remove(key.promptId()) : null;
		if (old != null) {
			this.groups--;
			if (own.isEmpty()) {
				this.rows.remove(key.config());
			}
			ConfigTotals.Running running = this.totals.get(key.config());
			running.remove(old);
			if (running.isEmpty()) {
				this.totals.remove(key.config());
			}
		}
		return old;
	}

	/** The configs with at least one group, in model and setting order. */
	List<ConfigKey> configs() {
		return List.copyOf(this.totals.keySet());
	}

	/** Each config's totals now, in model and setting order. */
	Map<ConfigKey, ConfigTotals> totals() {
		Map<ConfigKey, ConfigTotals> out = new LinkedHashMap<>();
		this.totals.forEach((config, running) -> out.put(config, running.totals()));
		return out;
	}

	/**
	 * Every group's means by config, in model, setting and prompt order: a walk of every
	 * group (what a rebuild of the resample sums needs, not a recompute).
	 */
	Map<ConfigKey, List<PromptMeans>> means() {
		Map<ConfigKey, List<PromptMeans>> means = new LinkedHashMap<>();
		this.rows.forEach((config, own) -> {
			List<PromptMeans> list = new ArrayList<>(own.size());
			own.forEach(row -> list.add(ConfigMeansQuery.meansOf(row)));
			means.put(config, list);
		});
		return means;
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
			return this.epoch == now.epoch && Long.parseUnsignedLong(now.prunedThrough) < xmin();
		}

		/**
		 * The snapshot's transactions for a log: its xmax, how far its xmin lags behind,
		 * and how many it saw running.
		 */
		String span() {
			String running = part(2);
			return "xmax " + xmax() + " (xmin " + (xmax() - xmin()) + " behind, "
					+ (running.isEmpty() ? 0 : running.split(",").length) + " running)";
		}

		/** The oldest transaction still running when the snapshot was taken. */
		private long xmin() {
			return Long.parseUnsignedLong(part(0));
		}

		/** The first transaction id not given yet when the snapshot was taken. */
		private long xmax() {
			return Long.parseUnsignedLong(part(1));
		}

		/** A part of the snapshot's text, {@code xmin:xmax:xip,...}. */
		private String part(int index) {
			return this.snapshot.split(":", -1)[index];
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
