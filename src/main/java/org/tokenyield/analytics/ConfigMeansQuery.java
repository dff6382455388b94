package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.tokenyield.analytics.calc.AccuracyWithoutTruncated.PromptScores;
import org.tokenyield.analytics.calc.Band;
import org.tokenyield.analytics.calc.DifficultyBands;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.PromptVariance;
import org.tokenyield.analytics.calc.VarianceCalculator;
import org.tokenyield.analytics.calc.VarianceSummary;
import org.tokenyield.system.SimulatedVisibility;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-prompt means per config from the summary (never from the runs table), filtered by
 * category, dataset, setting and difficulty band. Simulated versions count only in demo
 * mode.
 */
@Component
class ConfigMeansQuery {

	private static final Logger log = LoggerFactory.getLogger(ConfigMeansQuery.class);

	private final JdbcClient jdbc;

	private final SimulatedVisibility visibility;

	/**
	 * The last read of {@link #summary} per filter, for the next to patch: the few
	 * filters a page shows while runs arrive (about 5 MB each at 20,000 rows).
	 */
	private final Map<FigureFilter, SummaryRead> lastReads = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<FigureFilter, SummaryRead> eldest) {
				return size() > LAST_READS;
			}
		});

	private static final int LAST_READS = 8;

	/**
	 * Rows a large read takes from its cursor at a time. Without it PostgreSQL's driver
	 * reads the whole result before the first row is handed over: a read in full of a
	 * million groups held about a gigabyte of rows as text at once (heap before a GC 2.05
	 * GB against 1.05 GB with it, docs/benchmark.md). A cursor needs a transaction, which
	 * every read here has.
	 */
	static final int FETCH_SIZE = 10_000;

	private final AtomicLong patchedReads = new AtomicLong();

	/**
	 * One key per config for the groups a read keeps: a key and its setting's text per
	 * group were a fifth of a kept read's heap (about 110 bytes of 670 a group at a
	 * million groups, docs/benchmark.md). Configs are few (versions x settings).
	 */
	private final Map<ConfigKey, ConfigKey> configs = new ConcurrentHashMap<>();

	/**
	 * Numbers the reads of {@link #summary}, so a change list names the read it patched.
	 */
	private final AtomicLong readNumbers = new AtomicLong();

	ConfigMeansQuery(JdbcClient jdbc, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.visibility = visibility;
	}

	/**
	 * A read of the summary as the leaderboard uses it: each config's totals (prompts,
	 * correct runs, billed and judge cost, how its runs ended, the spread of generated
	 * tokens; {@link ConfigTotals}), how its means differ from the read it patched, and
	 * its means by config ({@link #means()}).
	 */
	public record Summary(Map<ConfigKey, ConfigTotals> configs, Changes changes,
			Supplier<Map<ConfigKey, List<PromptMeans>>> readMeans) {

		/**
		 * Every group's means by config, in model, setting and prompt order: a walk of
		 * every group, made at the first call (a rebuild of the resample sums needs it, a
		 * patched recompute does not). Of a kept read, only until the filter's next read
		 * (it patches the same rows in place); later it throws.
		 */
		Map<ConfigKey, List<PromptMeans>> means() {
			return this.readMeans.get();
		}

	}

	/**
	 * What a read of {@link #summary} changed. Reads are numbered ({@code read}); a
	 * patched read names the read of the same filter it patched ({@code patched}) and
	 * lists the (config, prompt) means that differ from it, in model, setting and prompt
	 * order. Readers of a filter share its last read: a consumer that holds the means of
	 * read {@code patched} applies the list, any other (it missed a read, or another
	 * caller patched the same read) rebuilds from {@link Summary#means}, as it does after
	 * a read in full ({@code list} null).
	 */
	public record Changes(long read, long patched, List<MeansChange> list) {

		/** A read in full. */
		Changes(long read) {
			this(read, 0, null);
		}

		boolean inFull() {
			return this.list == null;
		}

		/**
		 * Whether a consumer holding the means of read {@code held} may apply the list.
		 */
		boolean appliesTo(long held) {
			return !inFull() && this.patched == held;
		}

	}

	/**
	 * One prompt's means in one config: {@code before} null for a group new to the
	 * filter, {@code after} null for one that left it (its runs gone, the prompt retired,
	 * merged or moved to another category).
	 */
	public record MeansChange(ConfigKey config, PromptMeans before, PromptMeans after) {
	}

	/**
	 * Means of the given versions (all when empty), by config, in model and setting
	 * order.
	 */
	@Transactional(readOnly = true)
	Map<ConfigKey, List<PromptMeans>> means(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<PromptMeans>> means = new LinkedHashMap<>();
		read(filter, modelIds, null, false,
				(key, row) -> means.computeIfAbsent(key, k -> new ArrayList<>()).add(meansOf(row)));
		return means;
	}

	/**
	 * Cost nondeterminism per config (METRICS.md section 4) from the summary's sums of
	 * squares, minima and maxima, computed by {@link VarianceCalculator} (the class the
	 * {@code /variance} figure uses) without reading a single run. Rows of several
	 * datasets combine exactly.
	 */
	@Transactional(readOnly = true)
	Map<ConfigKey, VarianceSummary> spread(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<PromptVariance>> spread = new LinkedHashMap<>();
		read(filter, modelIds, null, false, (key, row) -> addSpread(spread, key, row));
		return spreadOf(spread);
	}

	/**
	 * {@link #means}, {@link #spread} and the billed sums of every visible config in one
	 * read of the summary (the leaderboard's recompute is what a new run waits for). A
	 * full read is a group-by over all the summary's rows (about 20,000 for 20 configs of
	 * 1,000 prompts, most of a recompute), so the last read of each filter is kept and
	 * the next one reads only the rows changed since (V27) and patches them in
	 * (docs/live-figures.md "Reading only what changed"). One snapshot for every
	 * statement (repeatable read), so the changes found are exactly those it saw.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Summary summary(FigureFilter filter) {
		return summary(filter, false);
	}

	/** {@link #summary} read in full, whatever was read before (tests: its oracle). */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Summary summaryInFull(FigureFilter filter) {
		return summary(filter, true);
	}

	/**
	 * Reads of {@link #summary} that patched the last read instead of reading in full.
	 */
	long patchedReads() {
		return this.patchedReads.get();
	}

	/**
	 * Reads of {@link #summary} for this filter that patched, since its last read in
	 * full: unlike {@link #patchedReads()}, not moved by other filters' readers (the
	 * figures' background recomputes).
	 */
	long patchedReads(FigureFilter filter) {
		SummaryRead last = this.lastReads.get(filter);
		return last != null ? last.patches() : 0;
	}

	private Summary summary(FigureFilter filter, boolean inFull) {
		SummaryRead.Point point = this.jdbc.sql("""
				select pg_current_snapshot()::text, summary_epoch, summary_changes_pruned_through::text
				  from analytics_state where id = 1""")
			.query((rs, i) -> new SummaryRead.Point(rs.getString(1), rs.getLong(2), rs.getString(3)))
			.single();
		long number = this.readNumbers.incrementAndGet();
		// a difficulty band moves with any prompt's grades, changed or not: read in full
		boolean kept = !inFull && filter.difficulty() == null;
		SummaryRead last = kept ? this.lastReads.get(filter) : null;
		if (last != null) {
			synchronized (last) {
				if (this.lastReads.get(filter) == last && last.point().changesKeptSince(point)) {
					Changes changes = patch(filter, last, point, number);
					if (changes != null) {
						this.patchedReads.incrementAndGet();
						return new Summary(last.totals(), changes, meansOf(last, number));
					}
				}
			}
		}
		SummaryRead read = new SummaryRead(point, number);
		long began = System.nanoTime();
		Map<SummaryRead.Key, GroupLatency> latency = latency(filter, null);
		long latencyRead = System.nanoTime();
		read(filter, List.of(), null, false, (config, row) -> {
			SummaryRead.Key key = new SummaryRead.Key(config, row.promptId());
			read.put(key, row.withLatency(latency.get(key)));
		});
		log.debug("Summary read {} of {} in full: {} groups in {} ms (latency buckets {} ms, rows {} ms)", number,
				filter.seedText(), read.groups(), (System.nanoTime() - began) / 1_000_000,
				(latencyRead - began) / 1_000_000, (System.nanoTime() - latencyRead) / 1_000_000);
		if (kept) {
			this.lastReads.put(filter, read);
		}
		return new Summary(read.totals(), new Changes(number), meansOf(read, number));
	}

	/**
	 * The means of {@code read} as read {@code number}, walked at the first call; refused
	 * once a later read has patched it.
	 */
	private static Supplier<Map<ConfigKey, List<PromptMeans>>> meansOf(SummaryRead read, long number) {
		return new Supplier<>() {

			private Map<ConfigKey, List<PromptMeans>> means;

			@Override
			public synchronized Map<ConfigKey, List<PromptMeans>> get() {
				if (this.means == null) {
					synchronized (read) {
						if (read.number() != number) {
							throw new IllegalStateException(
									"the means of summary read " + number + " were asked after read " + read.number());
						}
						this.means = read.means();
					}
				}
				return this.means;
			}

		};
	}

	/**
	 * Patches {@code read} in place to become read {@code number} at {@code now}: the
	 * groups of the prompts logged since its snapshot (V32: a prompt changed, or a
	 * summary row of it removed) are dropped, then every group changed or logged since is
	 * read again and put in its place, new ones included. Both queries run before
	 * anything is moved, so a failed read leaves the kept read as it was. Returns the
	 * means that differ; null, with nothing moved, when more groups changed than
	 * {@link #FEW_CHANGED} and than {@link #MOST_CHANGED} of those held (an import's): a
	 * read in full costs less.
	 */
	private Changes patch(FigureFilter filter, SummaryRead read, SummaryRead.Point now, long number) {
		long began = System.nanoTime();
		long patched = read.number();
		SummaryRead.Point since = read.point();
		long cap = Math.max(this.fewChanged, (long) (MOST_CHANGED * read.groups())) + 1;
		long count = this.jdbc.sql(CHANGED_ROWS_UP_TO)
			.param("since", since.snapshot())
			.param("cap", cap)
			.query(Long.class)
			.single();
		long counted = System.nanoTime();
		if (count > this.fewChanged && count > MOST_CHANGED * read.groups()) {
			log.debug("Summary read {} of {}: {} summary rows or more changed since read {} of {} groups, read in full",
					number, filter.seedText(), count, patched, read.groups());
			return null;
		}
		List<Long> logged = this.jdbc.sql("select distinct prompt_id from (" + LOGGED_PROMPTS + ") g")
			.param("since", since.snapshot())
			.query(Long.class)
			.list();
		List<SummaryRead.Key> keys = new ArrayList<>();
		List<Row> changed = new ArrayList<>();
		boolean byIndex = count <= this.fewChanged;
		read(filter, List.of(), since.snapshot(), byIndex, (config, row) -> {
			keys.add(new SummaryRead.Key(config, row.promptId()));
			changed.add(row);
		});
		long rowsRead = System.nanoTime();
		Map<SummaryRead.Key, GroupLatency> latency = (byIndex || keys.isEmpty()) ? latency(filter, keys)
				: latencyOf(filter, keys);
		for (int i = 0; i < keys.size(); i++) {
			changed.set(i, changed.get(i).withLatency(latency.get(keys.get(i))));
		}
		long queried = System.nanoTime();
		try {
			// the groups as the read before held them (null: not there)
			Map<SummaryRead.Key, Row> before = new HashMap<>();
			List<ConfigKey> configs = read.configs();
			for (long prompt : logged) {
				for (ConfigKey config : configs) {
					SummaryRead.Key key = new SummaryRead.Key(config, prompt);
					Row old = read.remove(key);
					if (old != null) {
						before.putIfAbsent(key, old);
					}
				}
			}
			for (int i = 0; i < keys.size(); i++) {
				SummaryRead.Key key = keys.get(i);
				Row old = read.put(key, changed.get(i));
				if (!before.containsKey(key)) {
					before.put(key, old);
				}
			}
			read.patched(now, number);
			List<MeansChange> changes = new ArrayList<>();
			before.keySet().stream().sorted(SummaryRead.Key.ORDER).forEach(key -> {
				Row was = before.get(key);
				Row is = read.get(key);
				PromptMeans wasMeans = (was != null) ? meansOf(was) : null;
				PromptMeans isMeans = (is != null) ? meansOf(is) : null;
				if (!Objects.equals(wasMeans, isMeans)) {
					changes.add(new MeansChange(key.config(), wasMeans, isMeans));
				}
			});
			log.debug("Summary read {} of {} patched {} (since {}): {} summary rows changed for {} groups held, {} read"
					+ " again, {} prompts logged, {} means moved; read in {} ms (counted in {}, rows read in {},"
					+ " latency in {}), moved in {} ms", number, filter.seedText(), patched, since.span(), count,
					read.groups(), keys.size(), logged.size(), changes.size(), (queried - began) / 1_000_000,
					(counted - began) / 1_000_000, (rowsRead - counted) / 1_000_000, (queried - rowsRead) / 1_000_000,
					(System.nanoTime() - queried) / 1_000_000);
			return new Changes(number, patched, List.copyOf(changes));
		}
		catch (RuntimeException | Error ex) {
			// moved part way: the next read of the filter reads in full
			this.lastReads.remove(filter, read);
			throw ex;
		}
	}

	/**
	 * The summary rows written by a transaction the snapshot {@code :since} did not see
	 * (V27): one whose id is at or above its xmax (given after it was taken), or one it
	 * saw running (its xip list), each found by the index on {@code changed_by}. Not
	 * "from its xmin up, less those it saw": its xmin stays at the oldest transaction
	 * then running, and every row written since that one began would be read to be
	 * dropped (docs/live-figures.md "Reading only what changed").
	 */
	private static final String CHANGED_ROWS = """
			select c.model_id, c.setting, c.prompt_id from config_prompt_stats c
			 where c.changed_by >= pg_snapshot_xmax(cast(:since as pg_snapshot))
			union all
			select c.model_id, c.setting, c.prompt_id from config_prompt_stats c
			 where c.changed_by = any(array(select pg_snapshot_xip(cast(:since as pg_snapshot))))""";

	/**
	 * The prompts logged by a transaction the snapshot {@code :since} did not see (V32: a
	 * prompt changed, or a summary row of it removed), as {@link #CHANGED_ROWS} finds
	 * them; one entry per log row.
	 */
	private static final String LOGGED_PROMPTS = """
			select g.prompt_id from summary_changes g
			 where g.changed_by >= pg_snapshot_xmax(cast(:since as pg_snapshot))
			    or g.changed_by = any(array(select pg_snapshot_xip(cast(:since as pg_snapshot))))""";

	/** The summary rows of the prompts logged since {@code :since}. */
	private static final String ROWS_OF_LOGGED_PROMPTS = """
			select c.model_id, c.setting, c.prompt_id from config_prompt_stats c
			 where c.prompt_id in (%s)""".formatted(LOGGED_PROMPTS);

	/**
	 * The (config, prompt) groups changed since the snapshot {@code :since}: a row of
	 * them written by a transaction it did not see, or a prompt of them logged so.
	 */
	private static final String CHANGED_GROUPS = CHANGED_ROWS + "\nunion\n" + ROWS_OF_LOGGED_PROMPTS;

	/**
	 * How many summary rows {@link #CHANGED_GROUPS} comes from, each part counted up to
	 * {@code :cap}: enough to choose a plan, and an upper bound of the groups (a group of
	 * several datasets has a row each). Counting the groups themselves sorted every
	 * changed row to drop duplicates (1.1 s for 1M on a quiet table; while an import
	 * wrote, a recompute waited 68 s for it).
	 */
	private static final String CHANGED_ROWS_UP_TO = """
			select (select count(*) from (%s limit :cap) a) + (select count(*) from (%s limit :cap) b)"""
		.formatted(CHANGED_ROWS, ROWS_OF_LOGGED_PROMPTS);

	/**
	 * Up to how many changed groups a patched read looks each up by index (with their
	 * latency buckets); past it, one scan of the summary and of the buckets costs less.
	 * By its key (V34, V36) a group costs about 5 µs on a quiet table and 25 µs while an
	 * import writes (10,000 in 200–260 ms), where the scans cost 5–8 s at 1M groups, most
	 * of it the buckets' (docs/benchmark.md, 2026-12-06).
	 */
	static final long FEW_CHANGED = 100_000;

	/** {@link #FEW_CHANGED}; tests lower it to take the other plans. */
	private volatile long fewChanged = FEW_CHANGED;

	/**
	 * Sets {@link #FEW_CHANGED} for tests (a method, not the field, so that it reaches
	 * the bean behind its transactional proxy).
	 */
	void fewChanged(long groups) {
		this.fewChanged = groups;
	}

	/**
	 * The share of a kept read's groups past which a read in full replaces patching, once
	 * more than {@link #FEW_CHANGED} changed: the patch would find its groups by a
	 * semi-join over the whole summary, then move each (19 s and 4.5 s for 910,000 of 1M
	 * groups after an import, docs/benchmark.md), where a read in full is one scan. (The
	 * changed groups are counted over every filter, so a small read of one category is
	 * not read in full for a few runs of the others.)
	 */
	static final double MOST_CHANGED = 0.25;

	/**
	 * The latency buckets of {@code keys} out of one scan of every group's: a patched
	 * read's many groups (past {@link #FEW_CHANGED}), for which a lookup each costs more.
	 */
	private Map<SummaryRead.Key, GroupLatency> latencyOf(FigureFilter filter, List<SummaryRead.Key> keys) {
		Map<SummaryRead.Key, GroupLatency> out = new HashMap<>();
		Set<SummaryRead.Key> wanted = new HashSet<>(keys);
		latency(filter, null).forEach((key, latency) -> {
			if (wanted.contains(key)) {
				out.put(key, latency);
			}
		});
		return out;
	}

	/**
	 * The latency buckets of {@code keys} (every group when null) over the datasets the
	 * filter takes; the caller keeps those of the groups its read holds (so the status,
	 * category and band of the read apply). Groups are looked up by their key, led by the
	 * prompt (V36), as a patched read looks up its changed rows.
	 */
	private Map<SummaryRead.Key, GroupLatency> latency(FigureFilter filter, List<SummaryRead.Key> keys) {
		Map<SummaryRead.Key, GroupLatency> out = new HashMap<>();
		if (keys != null && keys.isEmpty()) {
			return out;
		}
		String from = (keys == null) ? "config_latency_stats s" : """
				unnest(cast(:models as bigint[]), cast(:settings as text[]), cast(:prompts as bigint[]))
				       as k(model_id, setting, prompt_id)
				cross join lateral (select * from config_latency_stats x
				                     where x.prompt_id = k.prompt_id and x.model_id = k.model_id
				                       and x.setting = k.setting offset 0) s""";
		// every group's buckets, read for one category, only that category's: a read in
		// full of math at 10M groups spent 97 s on the buckets of all six
		String category = (keys == null && filter.category() != null)
				? " and s.prompt_id in (select f.id from prompt_facts f where f.category = :category)" : "";
		JdbcClient.StatementSpec sql = this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, s.bucket, sum(s.runs) as runs,
				       sum(s.sum_latency_ms) as sum_latency_ms, sum(s.sum_output) as sum_output
				  from %s
				 where (:simulated or not s.simulated) and (cast(:dataset as text) is null or s.dataset = :dataset)%s
				 group by s.model_id, s.setting, s.prompt_id, s.bucket
				 order by s.model_id, s.setting, s.prompt_id, s.bucket""".formatted(from, category))
			.param("simulated", this.visibility.showsSimulated())
			.param("dataset", filter.dataset())
			.withFetchSize(FETCH_SIZE);
		if (!category.isEmpty()) {
			sql = sql.param("category", filter.category());
		}
		if (keys != null) {
			sql = sql.param("models", keys.stream().map(k -> k.config().modelId()).toArray(Long[]::new))
				.param("settings", keys.stream().map(k -> k.config().setting()).toArray(String[]::new))
				.param("prompts", keys.stream().map(SummaryRead.Key::promptId).toArray(Long[]::new));
		}
		sql.query(rs -> {
			SummaryRead.Key key = new SummaryRead.Key(config(rs.getLong(1), rs.getString(2)), rs.getLong(3));
			int bucket = rs.getInt(4);
			long runs = rs.getLong(5);
			double latencyMs = rs.getDouble(6);
			double output = rs.getDouble(7);
			out.merge(key, GroupLatency.of(bucket, runs, latencyMs, output),
					(was, one) -> was.plus(bucket, runs, latencyMs, output));
		});
		return out;
	}

	/** One config and prompt's sums over the datasets the filter takes. */
	record Row(long promptId, String category, long runs, long nInput, double sumInput, long nGenerated,
			double sumGenerated, long nReasoning, double sumReasoning, long nGraded, double sumScore, int correct,
			double cost, double sumsq, double lo, double hi, double billed, double judge, long overran,
			long finishKnown, long truncated, long gradedTruncated, double sumScoreTruncated, GroupLatency latency) {

		/**
		 * The spread of the group's generated tokens, when it enters the figure
		 * ({@link VarianceCalculator#fromMoments}: from two counts on).
		 */
		Optional<PromptVariance> spread() {
			return VarianceCalculator.fromMoments(this.promptId, this.category, this.nGenerated, this.sumGenerated,
					this.sumsq, this.lo, this.hi);
		}

		/** The group's graded runs and those of them cut at the output cap. */
		PromptScores scores() {
			return new PromptScores(this.promptId, this.nGraded, this.sumScore, this.gradedTruncated,
					this.sumScoreTruncated);
		}

		/** This group with its latency buckets (null: none). */
		Row withLatency(GroupLatency latency) {
			return new Row(this.promptId, this.category, this.runs, this.nInput, this.sumInput, this.nGenerated,
					this.sumGenerated, this.nReasoning, this.sumReasoning, this.nGraded, this.sumScore, this.correct,
					this.cost, this.sumsq, this.lo, this.hi, this.billed, this.judge, this.overran, this.finishKnown,
					this.truncated, this.gradedTruncated, this.sumScoreTruncated, latency);
		}

	}

	/**
	 * Reads the summary's rows for {@code filter}, or with {@code changedSince} (a
	 * snapshot) only the (config, prompt) groups of which a row was written by a
	 * transaction that snapshot did not see, and every group of a prompt such a
	 * transaction logged (V32).
	 */
	private void read(FigureFilter filter, List<Long> modelIds, String changedSince, boolean byIndex,
			BiConsumer<ConfigKey, Row> sink) {
		BandFilter band = bandFilter(filter);
		// the sort of a leaderboard's rows (about 6 MB for 20 configs of 1,000 prompts)
		// spilled to disk under the default work_mem of 4 MB; for this transaction only
		this.jdbc.sql("set local work_mem = '32MB'").update();
		String from = "config_prompt_stats s join prompt_facts p on p.id = s.prompt_id";
		String changedOnly = "";
		if (changedSince != null) {
			if (byIndex) {
				// each changed group's rows by the key, led by the prompt (V36, the only
				// index this fits: docs/live-figures.md); the planner, guessing thousands
				// of groups from the log's statistics,
				// would otherwise scan and hash the whole summary (1.1 s at 1M groups for
				// 20 changed, 4 ms so)
				from = """
						(%s) k
						cross join lateral (select * from config_prompt_stats x
						                     where x.prompt_id = k.prompt_id and x.model_id = k.model_id
						                       and x.setting = k.setting offset 0) s
						cross join lateral (select f.category, f.status from prompt_facts f
						                     where f.id = s.prompt_id offset 0) p""".formatted(CHANGED_GROUPS);
			}
			else {
				changedOnly = " and (s.model_id, s.setting, s.prompt_id) in (" + CHANGED_GROUPS + ")";
			}
		}
		JdbcClient.StatementSpec sql = this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, p.category, sum(s.runs) as runs,
				       sum(s.n_input) as n_input, sum(s.sum_input) as sum_input,
				       sum(s.n_generated) as n_generated, sum(s.sum_generated) as sum_generated,
				       sum(s.n_reasoning) as n_reasoning, sum(s.sum_reasoning) as sum_reasoning,
				       sum(s.n_graded) as n_graded, sum(s.sum_score) as sum_score, sum(s.correct) as correct,
				       sum(s.cost_usd) as cost, sum(s.sumsq_generated) as sumsq, min(s.min_generated) as lo,
				       max(s.max_generated) as hi, sum(s.billed_cost_usd) as billed, sum(s.judge_cost_usd) as judge,
				       sum(s.n_overran) as overran, sum(s.n_finish) as finish_known, sum(s.n_truncated) as truncated,
				       sum(s.n_graded_truncated) as graded_truncated, sum(s.sum_score_truncated) as sum_score_truncated
				  from %s
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				   and (cardinality(cast(:models as bigint[])) = 0 or s.model_id = any(cast(:models as bigint[])))%s
				 group by s.model_id, s.setting, s.prompt_id, p.category
				 order by s.model_id, s.setting, s.prompt_id""".formatted(from, changedOnly))
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.param("models", modelIds.toArray(Long[]::new))
			.withFetchSize(FETCH_SIZE);
		if (changedSince != null) {
			sql = sql.param("since", changedSince);
		}
		sql.query(rs -> {
			// by position: 25 columns of the rows changed since the last read
			long model = rs.getLong(1);
			long prompt = rs.getLong(3);
			if (band.keeps(model, prompt)) {
				// interned: six category names, not one string per row kept in
				// the remembered means
				String category = rs.getString(4);
				sink.accept(config(model, rs.getString(2)),
						new Row(prompt, category == null ? null : category.intern(), rs.getLong(5), rs.getLong(6),
								rs.getDouble(7), rs.getLong(8), rs.getDouble(9), rs.getLong(10), rs.getDouble(11),
								rs.getLong(12), rs.getDouble(13), rs.getInt(14), rs.getDouble(15), rs.getDouble(16),
								rs.getDouble(17), rs.getDouble(18), rs.getDouble(19), rs.getDouble(20), rs.getLong(21),
								rs.getLong(22), rs.getLong(23), rs.getLong(24), rs.getDouble(25), null));
			}
		});
	}

	/** The one key of this config ({@link #configs}). */
	private ConfigKey config(long modelId, String setting) {
		ConfigKey key = new ConfigKey(modelId, setting);
		ConfigKey kept = this.configs.putIfAbsent(key, key);
		return (kept != null) ? kept : key;
	}

	static PromptMeans meansOf(Row r) {
		return new PromptMeans(r.promptId, r.category, mean(r.sumInput, r.nInput), mean(r.sumGenerated, r.nGenerated),
				mean(r.sumReasoning, r.nReasoning), mean(r.sumScore, r.nGraded), (int) r.runs, r.correct, r.cost);
	}

	private static void addSpread(Map<ConfigKey, List<PromptVariance>> spread, ConfigKey key, Row r) {
		r.spread().ifPresent(v -> spread.computeIfAbsent(key, k -> new ArrayList<>()).add(v));
	}

	private static Map<ConfigKey, VarianceSummary> spreadOf(Map<ConfigKey, List<PromptVariance>> byConfig) {
		Map<ConfigKey, VarianceSummary> out = new LinkedHashMap<>();
		byConfig.forEach((key, rows) -> out.put(key, VarianceCalculator.of(rows)));
		return out;
	}

	/** Rows of the summary table (a gauge of its size, see FigureMetrics). */
	@Transactional(readOnly = true)
	long summaryRows() {
		return this.jdbc.sql("select count(*) from config_prompt_stats").query(Long.class).single();
	}

	/**
	 * METRICS.md section 7: graded and correct runs per prompt, overall and per version,
	 * so the band of a prompt as seen from a version uses only the other versions' runs.
	 */
	public record Difficulty(Map<Long, long[]> totals, Map<Long, Map<Long, long[]>> perModel) {

		Band band(long modelId, long promptId) {
			long[] all = this.totals.getOrDefault(promptId, new long[2]);
			long[] own = this.perModel.getOrDefault(modelId, Map.of()).getOrDefault(promptId, new long[2]);
			return DifficultyBands.bandOf(all[0] - own[0], all[1] - own[1]);
		}

		/**
		 * 1 − the pass rate over the other versions' graded runs (the band's rate), null
		 * with fewer than {@link DifficultyBands#MIN_RUNS} of them.
		 */
		Double hardness(long modelId, long promptId) {
			long[] all = this.totals.getOrDefault(promptId, new long[2]);
			long[] own = this.perModel.getOrDefault(modelId, Map.of()).getOrDefault(promptId, new long[2]);
			long graded = all[0] - own[0];
			return graded < DifficultyBands.MIN_RUNS ? null : 1 - (double) (all[1] - own[1]) / graded;
		}

	}

	/** Whether a prompt, seen from a version, passes a filter's difficulty band. */
	@FunctionalInterface
	public interface BandFilter {

		boolean keeps(long modelId, long promptId);

	}

	/**
	 * The filter's difficulty band as a test of (version, prompt): keeps everything,
	 * without reading the bands, when the filter names none.
	 */
	BandFilter bandFilter(FigureFilter filter) {
		if (filter.difficulty() == null) {
			return (modelId, promptId) -> true;
		}
		Difficulty difficulty = difficulty();
		return (modelId, promptId) -> difficulty.band(modelId, promptId).apiName().equals(filter.difficulty());
	}

	@Transactional(readOnly = true)
	Difficulty difficulty() {
		Map<Long, long[]> totals = new HashMap<>();
		Map<Long, Map<Long, long[]>> perModel = new HashMap<>();
		this.jdbc.sql("""
				select s.prompt_id, s.model_id, sum(s.n_graded) as graded, sum(s.correct) as correct
				  from config_prompt_stats s join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated) and s.n_graded > 0
				 group by s.prompt_id, s.model_id""").param("simulated", this.visibility.showsSimulated()).query(rs -> {
			long prompt = rs.getLong(1);
			long graded = rs.getLong(3);
			long correct = rs.getLong(4);
			long[] sum = totals.computeIfAbsent(prompt, k -> new long[2]);
			sum[0] += graded;
			sum[1] += correct;
			perModel.computeIfAbsent(rs.getLong(2), k -> new HashMap<>()).put(prompt, new long[] { graded, correct });
		});
		return new Difficulty(totals, perModel);
	}

	private static Double mean(double sum, long n) {
		return n == 0 ? null : sum / n;
	}

}
