package org.tokenyield.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.FinishedRuns;
import org.tokenyield.analytics.calc.FinishedRuns.FinishedRun;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.Timeline;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary kept by the writes themselves (migration V12) equals a full rebuild from
 * runs after any mix of writes: runs landing one by one through the queue's states, bulk
 * imports, regrades, deletions, prompts retired, approved again and merged (their runs
 * moved), finish times corrected, and every leaderboard figure computed from it equals
 * the one computed after the rebuild. The week sums (V25) follow the same writes, and the
 * timeline read from them equals the one computed from the runs themselves; so do the
 * latency buckets (V31).
 */
@IntegrationTest
class IncrementalSummaryTests {

	private static final String[] SETTINGS = { "default", "thinking:1024" };

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	LeaderboardService leaderboard;

	@Autowired
	JsonMapper json;

	@Autowired
	ConfigFigureService configFigures;

	@Autowired
	ConfigMeansQuery means;

	@Autowired
	DataSource dataSource;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final String dataset = "oracle-" + this.tag;

	final Random random = new Random(7);

	final List<Long> models = new ArrayList<>();

	final List<Long> prompts = new ArrayList<>();

	int keys;

	@Test
	void theIncrementalSummaryEqualsAFullRebuildAfterRandomWrites() {
		Long predecessor = null;
		for (int m = 0; m < 3; m++) {
			predecessor = this.jdbc
				.sql("""
						insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, samples)
						values (?, ?, ?, 'external', ?, cast('{default,thinking:1024}' as text[]), 3) returning id""")
				.params("external/oracle-" + m + "-" + this.tag, "oracle-" + this.tag, predecessor, "oracle-" + m)
				.query(Long.class)
				.single();
			this.models.add(predecessor);
		}
		for (int p = 0; p < 16; p++) {
			this.prompts.add(this.jdbc.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					values (?, ?, ?, ?, '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
				.params("oracle " + p, "oracle prompt " + p + " " + this.tag,
						UUID.randomUUID().toString().replace("-", ""), p % 2 == 0 ? "math" : "code")
				.query(Long.class)
				.single());
		}
		long patched = this.means.patchedReads();
		try {
			for (int round = 0; round < 6; round++) {
				// odd rounds read the changed groups with one scan of the summary (as
				// after an import), even ones look each up by index
				this.means.fewChanged((round % 2 == 0) ? ConfigMeansQuery.FEW_CHANGED : 0);
				for (int op = 0; op < 40; op++) {
					randomWrite();
					assertPatchedReadsEqualFullReads();
				}
				assertSummaryMatchesRebuildOfTestRows();
			}
		}
		finally {
			this.means.fewChanged(ConfigMeansQuery.FEW_CHANGED);
		}
		// most writes change rows in place: the patched read was taken, not only the full
		assertThat(this.means.patchedReads() - patched).isGreaterThan(2 * 6 * 40 / 4);
		String incremental = leaderboardJson();
		assertTimelinesMatchTheRuns();
		this.stamper.rebuild();
		assertSummaryMatchesRebuildOfTestRows();
		String rebuilt = leaderboardJson();
		assertSameFigures(this.json.readTree(incremental), this.json.readTree(rebuilt));
		assertThat(this.json.readTree(incremental).size()).isGreaterThanOrEqualTo(3);
		// the rounds exercised every count compared above, the finish counts of V18
		// included
		assertThat(this.jdbc.sql("""
				select least(sum(n_finish), sum(n_truncated), sum(n_overran)) from config_prompt_stats
				 where dataset = ? and setting = 'thinking:1024'""").param(this.dataset).query(Long.class).single())
			.isPositive();
	}

	/**
	 * Workers finishing samples of one group at the same moment, each in its own
	 * transaction.
	 */
	@Test
	void concurrentWritersOfOneGroupLoseNothing() throws Exception {
		long model = this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, ?, 'external', 'c', cast('{default}' as text[]), 3) returning id""")
			.params("external/concurrent-" + this.tag, "concurrent-" + this.tag)
			.query(Long.class)
			.single();
		long prompt = this.jdbc
			.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					values ('c', ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("concurrent prompt " + this.tag, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
		List<Long> runs = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			runs.add(this.jdbc.sql("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset)
					values (?, ?, ?, 'default', ?, 'QUEUED', ?) returning id""")
				.params(nextKey(), prompt, model, i, this.dataset)
				.query(Long.class)
				.single());
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
		try {
			List<java.util.concurrent.Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int first = t * 6;
				done.add(pool.submit(() -> {
					start.await();
					for (int i = first; i < first + 6; i++) {
						this.jdbc.sql("""
								update runs set status = 'SUCCEEDED', finished_at = now(), input_tokens = 10,
								       output_tokens = ?, score = ?, cost_usd = 0.001 where id = ?""")
							.params(100 + i, i % 2, runs.get(i))
							.update();
					}
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> f : done) {
				f.get(60, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertSummaryMatchesRebuildOfTestRows();
		assertThat(this.jdbc.sql("select runs from config_prompt_stats where prompt_id = ?")
			.param(prompt)
			.query(Long.class)
			.single()).isEqualTo(48);
	}

	/**
	 * V27: a summary row written by a transaction that commits after a read (another
	 * transaction having committed meanwhile) is found by the next read, which reads only
	 * the rows changed since the last one. The rows are written directly, as the upkeep
	 * does, so that no stale mark orders the two writers.
	 */
	@Test
	void aRowCommittedAfterAReadIsInTheNextRead() throws Exception {
		long model = this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, ?, 'external', 'l', cast('{default}' as text[]), 3) returning id""")
			.params("external/late-" + this.tag, "late-" + this.tag)
			.query(Long.class)
			.single();
		List<Long> late = new ArrayList<>();
		for (int p = 0; p < 2; p++) {
			long prompt = this.jdbc
				.sql("""
						insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
						values ('l', ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
				.params("late prompt " + p + " " + this.tag, UUID.randomUUID().toString().replace("-", ""))
				.query(Long.class)
				.single();
			late.add(prompt);
			this.jdbc
				.sql("""
						insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
						                  output_tokens, score, finished_at)
						values (?, ?, ?, 'default', 0, 'SUCCEEDED', ?, 10, 100, 0, now())""")
				.params(nextKey(), prompt, model, this.dataset)
				.update();
		}
		FigureFilter filter = new FigureFilter(null, null, null, this.dataset);
		String addOne = "update config_prompt_stats set correct = correct + 1 where model_id = ? and prompt_id = ?";
		this.means.summary(filter);
		long patched = this.means.patchedReads(filter);
		try (Connection first = this.dataSource.getConnection()) {
			first.setAutoCommit(false);
			try (PreparedStatement update = first.prepareStatement(addOne)) {
				update.setLong(1, model);
				update.setLong(2, late.get(0));
				assertThat(update.executeUpdate()).isEqualTo(1);
			}
			// a second writer, which started later, commits first
			this.jdbc.sql(addOne).params(model, late.get(1)).update();
			ConfigMeansQuery.Summary between = this.means.summary(filter);
			assertThat(correct(between, model)).containsExactly(0, 1);
			assertThat(figures(between)).isEqualTo(figures(this.means.summaryInFull(filter)));
			first.commit();
		}
		ConfigMeansQuery.Summary after = this.means.summary(filter);
		assertThat(correct(after, model)).containsExactly(1, 1);
		assertThat(figures(after)).isEqualTo(figures(this.means.summaryInFull(filter)));
		assertThat(this.means.patchedReads(filter) - patched).isEqualTo(2);
		for (long prompt : late) {
			this.jdbc.sql(addOne.replace("+ 1", "- 1")).params(model, prompt).update();
		}
	}

	/**
	 * A community leaderboard grows by prompts: new prompts approved and run on every
	 * config, pending ones approved with their runs, retirements, merges, category moves
	 * and groups that lose their last run. Each read of a filter patches the one before
	 * (none reads in full) and equals a read in full.
	 */
	@Test
	void newPromptsAndPromptChangesPatchIn() {
		addTwoVersions("growing");
		for (int p = 0; p < 4; p++) {
			runOnEveryConfig(newPrompt("APPROVED"));
		}
		List<FigureFilter> filters = List.of(new FigureFilter(null, null, null, this.dataset),
				new FigureFilter("math", null, null, this.dataset));
		Map<FigureFilter, ConfigMeansQuery.Summary> previous = new HashMap<>();
		filters.forEach(filter -> {
			ConfigMeansQuery.Summary read = this.means.summary(filter);
			read.means(); // a kept read's means are walked before the next read patches
							// it
			previous.put(filter, read);
		});
		int reads = 0;
		int[] added = new int[1];
		int[] dropped = new int[1];
		for (int op = 0; op < 60; op++) {
			switch (op % 7) {
				// a new prompt approved, then run on every config (as approval backfills)
				case 0 -> runOnEveryConfig(newPrompt("APPROVED"));
				// a prompt run while pending, then approved
				case 1 -> {
					long pending = newPrompt("PENDING");
					runOnEveryConfig(pending);
					this.jdbc.sql("update prompts set status = 'APPROVED', approved_at = now() where id = ?")
						.param(pending)
						.update();
					this.prompts.add(pending);
				}
				case 2 ->
					this.jdbc.sql("update prompts set status = 'RETIRED' where id = ?").param(anyPrompt()).update();
				case 3 ->
					this.jdbc.sql("update prompts set status = 'APPROVED' where id = ? and merged_into_id is null")
						.param(anyPrompt())
						.update();
				// a merge: the duplicate retired into the prompt kept
				case 4 -> {
					long from = anyPrompt();
					long into = anyPrompt();
					if (from != into) {
						this.jdbc.sql("update prompts set status = 'RETIRED', merged_into_id = ? where id = ?")
							.params(into, from)
							.update();
					}
				}
				case 5 -> this.jdbc
					.sql("""
							update prompts set category = case category when 'math' then 'code' else 'math' end where id = ?""")
					.param(anyPrompt())
					.update();
				// a group loses its last run: its summary row is removed
				default -> this.jdbc.sql("delete from runs where dataset = ? and prompt_id = ? and model_id = ?")
					.params(this.dataset, anyPrompt(), anyModel())
					.update();
			}
			for (FigureFilter filter : filters) {
				ConfigMeansQuery.Summary read = this.means.summary(filter);
				ConfigMeansQuery.Summary full = this.means.summaryInFull(filter);
				assertThat(figures(read)).isEqualTo(figures(full));
				assertThat(List.copyOf(read.means().keySet())).isEqualTo(List.copyOf(full.means().keySet()));
				// the change list turns the read before into this one
				ConfigMeansQuery.Summary before = previous.put(filter, read);
				assertThat(read.changes().appliesTo(before.changes().read())).isTrue();
				assertThat(applied(before.means(), read.changes().list())).isEqualTo(byPrompt(read.means()));
				read.changes().list().forEach(c -> {
					added[0] += (c.before() == null) ? 1 : 0;
					dropped[0] += (c.after() == null) ? 1 : 0;
				});
			}
			reads++;
		}
		for (FigureFilter filter : filters) {
			assertThat(this.means.patchedReads(filter)).as(filter.toString()).isEqualTo(reads);
		}
		// groups came and went: the lists were not trivially empty
		assertThat(added[0]).isGreaterThan(10);
		assertThat(dropped[0]).isGreaterThan(10);
		// a read in full says so: its consumer rebuilds
		assertThat(this.means.summaryInFull(filters.get(0)).changes().inFull()).isTrue();
	}

	/**
	 * What a reader cannot patch reads in full: the repair command rewrites every row
	 * (and logs no removal of them), and a reader whose last snapshot is older than the
	 * logged changes pruned since cannot know them all.
	 */
	/**
	 * Past {@code fewChanged} groups (0 here, 100,000 by default), a read of which more
	 * than a quarter of the groups changed reads in full (an import's: cheaper than
	 * finding and moving each), and a smaller change still patches.
	 */
	@Test
	void aChangeOfMostGroupsReadsInFull() {
		addTwoVersions("imported");
		List<Long> own = new ArrayList<>();
		for (int p = 0; p < 8; p++) {
			long prompt = newPrompt("APPROVED");
			own.add(prompt);
			runOnEveryConfig(prompt);
		}
		FigureFilter filter = new FigureFilter(null, null, null, this.dataset);
		this.means.summary(filter);
		this.means.fewChanged(0);
		try {
			// 4 of 32 groups: patched
			runOnEveryConfig(own.get(0));
			ConfigMeansQuery.Summary few = this.means.summary(filter);
			assertThat(few.changes().inFull()).isFalse();
			assertThat(this.means.patchedReads(filter)).isEqualTo(1);
			assertThat(figures(few)).isEqualTo(figures(this.means.summaryInFull(filter)));
			// every group: read in full, and the leaderboard's sums are rebuilt from it
			own.forEach(this::runOnEveryConfig);
			ConfigMeansQuery.Summary most = this.means.summary(filter);
			assertThat(most.changes().inFull()).isTrue();
			assertThat(this.means.patchedReads(filter)).isZero();
			assertThat(figures(most)).isEqualTo(figures(this.means.summaryInFull(filter)));
			// 8 prompts of two runs each, and a third of the first
			assertThat(most.means().get(new ConfigKey(this.models.get(0), "default"))).hasSize(8)
				.extracting(PromptMeans::runs)
				.containsExactlyInAnyOrder(3, 2, 2, 2, 2, 2, 2, 2);
		}
		finally {
			this.means.fewChanged(ConfigMeansQuery.FEW_CHANGED);
		}
	}

	@Test
	void theRepairCommandAndPrunedChangesReadInFull() {
		this.models.add(this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, ?, 'external', 'r', cast('{default}' as text[]), 3) returning id""")
			.params("external/repaired-" + this.tag, "repaired-" + this.tag)
			.query(Long.class)
			.single());
		long prompt = newPrompt("APPROVED");
		runOnEveryConfig(prompt);
		FigureFilter filter = new FigureFilter(null, null, null, this.dataset);
		assertThat(this.means.summary(filter).changes().inFull()).isTrue();
		runOnEveryConfig(prompt);
		assertThat(this.means.summary(filter).changes().inFull()).isFalse();
		String logged = "select count(*) from summary_changes";
		long before = this.jdbc.sql(logged).query(Long.class).single();
		this.stamper.rebuild();
		assertThat(this.jdbc.sql(logged).query(Long.class).single()).isEqualTo(before);
		ConfigMeansQuery.Summary repaired = this.means.summary(filter);
		assertThat(repaired.changes().inFull()).isTrue();
		assertThat(figures(repaired)).isEqualTo(figures(this.means.summaryInFull(filter)));
		assertThat(this.means.summary(filter).changes().inFull()).isFalse();
		// an entry two days old is pruned by the next prompt change, with itself
		this.jdbc.sql("insert into summary_changes (prompt_id, changed_at) values (?, now() - interval '3 days')")
			.param(prompt)
			.update();
		this.jdbc.sql("update prompts set category = 'code' where id = ?").param(prompt).update();
		assertThat(this.jdbc.sql("select count(*) from summary_changes where changed_at < now() - interval '1 day'")
			.query(Long.class)
			.single()).isZero();
		ConfigMeansQuery.Summary pruned = this.means.summary(filter);
		assertThat(pruned.changes().inFull()).isTrue();
		assertThat(figures(pruned)).isEqualTo(figures(this.means.summaryInFull(filter)));
		this.jdbc.sql("update prompts set category = 'math' where id = ?").param(prompt).update();
		ConfigMeansQuery.Summary next = this.means.summary(filter);
		assertThat(next.changes().appliesTo(pruned.changes().read())).isTrue();
		assertThat(figures(next)).isEqualTo(figures(this.means.summaryInFull(filter)));
	}

	/** The means, by config and prompt. */
	private static Map<ConfigKey, Map<Long, PromptMeans>> byPrompt(Map<ConfigKey, List<PromptMeans>> means) {
		Map<ConfigKey, Map<Long, PromptMeans>> out = new HashMap<>();
		means.forEach((config, list) -> list
			.forEach(m -> out.computeIfAbsent(config, k -> new HashMap<>()).put(m.promptId(), m)));
		return out;
	}

	/** {@code means} with the changes applied, each checked against what it replaces. */
	private static Map<ConfigKey, Map<Long, PromptMeans>> applied(Map<ConfigKey, List<PromptMeans>> means,
			List<ConfigMeansQuery.MeansChange> changes) {
		Map<ConfigKey, Map<Long, PromptMeans>> out = byPrompt(means);
		for (ConfigMeansQuery.MeansChange change : changes) {
			Map<Long, PromptMeans> config = out.computeIfAbsent(change.config(), k -> new HashMap<>());
			long prompt = (change.after() != null) ? change.after().promptId() : change.before().promptId();
			assertThat(config.get(prompt)).isEqualTo(change.before());
			if (change.after() == null) {
				config.remove(prompt);
			}
			else {
				config.put(prompt, change.after());
			}
			if (config.isEmpty()) {
				out.remove(change.config());
			}
		}
		return out;
	}

	private static List<Object> figures(ConfigMeansQuery.Summary summary) {
		return List.of(summary.means(), summary.configs());
	}

	private long newPrompt(String status) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values ('g', ?, ?, ?, '{"type":"exact","expected":"42"}', ?, now(), 'test') returning id""")
			.params("growing prompt " + this.keys++ + " " + this.tag, UUID.randomUUID().toString().replace("-", ""),
					this.random.nextBoolean() ? "math" : "code", status)
			.query(Long.class)
			.single();
	}

	/**
	 * Two versions of one family named {@code name}, each at default and thinking:1024.
	 */
	private void addTwoVersions(String name) {
		for (int m = 0; m < 2; m++) {
			this.models.add(this.jdbc.sql("""
					insert into model_versions (model_key, family, provider, api_model, settings, samples)
					values (?, ?, 'external', ?, cast('{default,thinking:1024}' as text[]), 3) returning id""")
				.params("external/" + name + "-" + m + "-" + this.tag, name + "-" + this.tag, name + "-" + m)
				.query(Long.class)
				.single());
		}
	}

	/** One run of the prompt on every config, in one statement (as a backfill). */
	private void runOnEveryConfig(long prompt) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, cost_usd, score, finished_at)
				select ? || '-' || m.id || '-' || s.setting, ?, m.id, s.setting, 0, 'SUCCEEDED', ?, 40,
				       100 + (m.id * 7 + ?) % 900, 0.002, (? + m.id) % 2, now()
				  from model_versions m cross join unnest(m.settings) s(setting)
				 where m.id = any(cast(? as bigint[]))""")
			.params(nextKey(), prompt, this.dataset, prompt, prompt, this.models.toArray(Long[]::new))
			.update();
		if (!this.prompts.contains(prompt) && this.jdbc.sql("select status from prompts where id = ?")
			.param(prompt)
			.query(String.class)
			.single()
			.equals("APPROVED")) {
			this.prompts.add(prompt);
		}
	}

	private static List<Integer> correct(ConfigMeansQuery.Summary summary, long model) {
		return summary.means().get(new ConfigKey(model, "default")).stream().map(PromptMeans::correct).toList();
	}

	/**
	 * V27: the leaderboard's read of the summary, patched with the rows changed since the
	 * last read of the same filter, equals a read in full.
	 */
	private void assertPatchedReadsEqualFullReads() {
		for (FigureFilter filter : List.of(new FigureFilter(null, null, null, this.dataset),
				new FigureFilter("math", null, null, this.dataset))) {
			ConfigMeansQuery.Summary read = this.means.summary(filter);
			ConfigMeansQuery.Summary full = this.means.summaryInFull(filter);
			assertThat(figures(read)).isEqualTo(figures(full));
			// the order the bootstraps see: configs, and prompts within a config
			assertThat(List.copyOf(read.means().keySet())).isEqualTo(List.copyOf(full.means().keySet()));
		}
	}

	private void randomWrite() {
		switch (this.random.nextInt(9)) {
			case 0, 1 -> insertSucceeded(1 + this.random.nextInt(3));
			case 2 -> runThroughTheQueue();
			case 3 -> bulkImport();
			case 4 -> this.jdbc.sql("""
					update runs set score = case when random() < 0.5 then 0.0 else 1.0 end, judge_cost_usd = 0.0004
					 where dataset = ? and prompt_id = ?""").params(this.dataset, anyPrompt()).update();
			case 5 -> this.jdbc
				.sql("delete from runs where id = (select min(id) from runs where dataset = ? and prompt_id = ?)")
				.params(this.dataset, anyPrompt())
				.update();
			case 6 -> {
				long prompt = anyPrompt();
				boolean retire = this.random.nextBoolean();
				this.jdbc.sql("update prompts set status = ? where id = ?")
					.params(retire ? "RETIRED" : "APPROVED", prompt)
					.update();
			}
			case 7 -> this.jdbc.sql("""
					update runs set finished_at = finished_at - interval '6 days'
					 where dataset = ? and prompt_id = ? and status = 'SUCCEEDED'""")
				.params(this.dataset, anyPrompt())
				.update();
			default -> {
				// a merge that moves the duplicate's runs onto the prompt kept
				long from = anyPrompt();
				long into = anyPrompt();
				this.jdbc.sql("update runs set prompt_id = ? where dataset = ? and prompt_id = ?")
					.params(into, this.dataset, from)
					.update();
			}
		}
	}

	private void insertSucceeded(int n) {
		for (int i = 0; i < n; i++) {
			Long output = this.random.nextInt(10) == 0 ? null : (long) (50 + this.random.nextInt(2000));
			Double score = this.random.nextInt(10) == 0 ? null : (this.random.nextBoolean() ? 1.0 : 0.0);
			this.jdbc
				.sql("""
						insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
						                  output_tokens, reasoning_tokens, cost_usd, score, finish_reason, finished_at,
						                  latency_ms)
						values (?, ?, ?, ?, ?, 'SUCCEEDED', ?, 40, ?, ?, 0.002, ?, ?, now() - ? * interval '1 day', ?)""")
				// reasoning none, half or all of the output: some runs of thinking:1024
				// overrun their budget
				.params(nextKey(), anyPrompt(), anyModel(), anySetting(), this.random.nextInt(3), this.dataset, output,
						output == null ? null : output * this.random.nextInt(3) / 2, score,
						new String[] { null, "stop", "length" }[this.random.nextInt(3)], this.random.nextInt(70),
						// latency: unknown, 0 or up to a minute, so buckets fill and
						// empty
						this.random.nextInt(5) == 0 ? null : (long) this.random.nextInt(60_000))
				.update();
		}
	}

	/** QUEUED, RUNNING with a lease, then SUCCEEDED, as the worker moves a run. */
	private void runThroughTheQueue() {
		long id = this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset)
				values (?, ?, ?, ?, 0, 'QUEUED', ?) returning id""")
			.params(nextKey(), anyPrompt(), anyModel(), anySetting(), this.dataset)
			.query(Long.class)
			.single();
		this.jdbc.sql("update runs set status = 'RUNNING', lease_expires_at = now() + interval '1 minute' where id = ?")
			.param(id)
			.update();
		this.jdbc.sql("""
				update runs set status = 'SUCCEEDED', lease_expires_at = null, finished_at = now(), input_tokens = 30,
				       output_tokens = ?, reasoning_tokens = ?, score = ?, cost_usd = 0.001, billed_cost_usd = 0.0015,
				       finish_reason = ?, latency_ms = ?
				 where id = ?""")
			.params(1500 + this.random.nextInt(500), 10 + this.random.nextInt(1490),
					this.random.nextBoolean() ? 1.0 : 0.0, this.random.nextBoolean() ? "stop" : "length",
					this.random.nextInt(20_000), id)
			.update();
	}

	/** Many rows in one statement, as the import's insert from its staging table. */
	private void bulkImport() {
		this.jdbc
			.sql("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
					                  output_tokens, reasoning_tokens, cost_usd, score, finished_at)
					select ? || '-' || g, p.id, m.id, s.setting, g % 3, 'SUCCEEDED', ?, 60, 100 + (g * 37) % 700, null, 0.003,
					       (g % 2)::double precision, now() - (g % 9) * interval '5 days'
					  from generate_series(1, 30) g
					  join lateral (select id from prompts where id = any(cast(? as bigint[])) order by random() limit 1) p on true
					  join lateral (select id from model_versions where id = any(cast(? as bigint[])) order by random() limit 1) m on true
					  join lateral (select unnest(cast('{default,thinking:1024}' as text[])) as setting order by random() limit 1) s on true""")
			.params(nextKey(), this.dataset, this.prompts.toArray(Long[]::new), this.models.toArray(Long[]::new))
			.update();
	}

	private void assertSummaryMatchesRebuildOfTestRows() {
		assertSameRows("config_week_stats", "model_id, setting, dataset, simulated, prompt_id, week, runs, n_generated,"
				+ " sum_generated, n_graded, sum_score", "model_id, setting, prompt_id, week");
		String columns = """
				model_id, setting, dataset, simulated, prompt_id, runs, n_input, sum_input, n_generated, sum_generated,
				n_reasoning, sum_reasoning, n_graded, sum_score, correct, cost_usd, sumsq_generated, min_generated,
				max_generated, billed_cost_usd, judge_cost_usd, n_finish, n_truncated, n_overran, n_graded_truncated,
				sum_score_truncated""";
		assertSameRows("config_prompt_stats", columns, "model_id, setting, prompt_id");
		assertSameRows("config_latency_stats",
				"model_id, setting, dataset, simulated, prompt_id, bucket, runs, sum_latency_ms, sum_output",
				"model_id, setting, prompt_id, bucket");
	}

	/** A summary table's rows of the test's dataset equal its source view's. */
	private void assertSameRows(String table, String columns, String order) {
		List<Map<String, Object>> kept = this.jdbc
			.sql("select " + columns + " from " + table + " where dataset = ? order by " + order)
			.param(this.dataset)
			.query()
			.listOfRows();
		List<Map<String, Object>> rebuilt = this.jdbc
			.sql("select " + columns + " from " + table + "_source where dataset = ? order by " + order)
			.param(this.dataset)
			.query()
			.listOfRows();
		assertThat(kept).hasSameSizeAs(rebuilt);
		for (int i = 0; i < kept.size(); i++) {
			Map<String, Object> a = kept.get(i);
			Map<String, Object> b = rebuilt.get(i);
			for (String column : b.keySet()) {
				Object x = a.get(column);
				Object y = b.get(column);
				if (x instanceof Number nx && y instanceof Number ny) {
					assertThat(nx.doubleValue()).as(column + " of " + b)
						.isCloseTo(ny.doubleValue(),
								org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(ny.doubleValue()))));
				}
				else {
					assertThat(x).as(column + " of " + b).isEqualTo(y);
				}
			}
		}
	}

	/**
	 * The timeline of every config from the week sums equals the one computed from its
	 * runs, read one by one (how it was computed before V25).
	 */
	private void assertTimelinesMatchTheRuns() {
		int weeks = 0;
		for (long model : this.models) {
			String key = this.jdbc.sql("select model_key from model_versions where id = ?")
				.param(model)
				.query(String.class)
				.single();
			for (String setting : SETTINGS) {
				FigureFilter filter = new FigureFilter(null, null, setting, this.dataset);
				ConfigFigureService.TimelineReport fromWeeks = this.configFigures.timeline(key, filter);
				Timeline fromRuns = FinishedRuns.timeline(runsOf(model, setting),
						Seeds.seedOf("timeline", key, setting, filter.seedText()));
				assertThat(fromWeeks.weeks()).as(key + " " + setting).isEqualTo(fromRuns.weeks());
				assertThat(fromWeeks.earlyWeeks()).isEqualTo(fromRuns.earlyWeeks());
				assertThat(fromWeeks.lateWeeks()).isEqualTo(fromRuns.lateWeeks());
				assertThat(fromWeeks.tokensChange()).isEqualTo(fromRuns.tokensChange());
				assertThat(fromWeeks.accuracyChange()).isEqualTo(fromRuns.accuracyChange());
				assertThat(fromWeeks.tokenPrompts()).isEqualTo(fromRuns.tokenPrompts());
				assertThat(fromWeeks.accuracyPrompts()).isEqualTo(fromRuns.accuracyPrompts());
				weeks += fromRuns.weeks().size();
			}
		}
		// the writes spread the runs over many weeks, so the windows are really compared
		assertThat(weeks).isGreaterThan(6 * 4);
	}

	/** The config's successful runs on approved prompts, each with its finish time. */
	private List<FinishedRun> runsOf(long model, String setting) {
		return this.jdbc.sql("""
				select r.prompt_id, r.output_tokens::double precision, r.score, r.finished_at
				  from runs r join prompts p on p.id = r.prompt_id
				 where r.model_id = ? and r.setting = ? and r.dataset = ? and r.status = 'SUCCEEDED'
				   and p.status = 'APPROVED'
				 order by r.prompt_id, r.sample, r.id""")
			.params(model, setting, this.dataset)
			.query((rs, i) -> new FinishedRun(rs.getLong(1), rs.getObject(2, Double.class),
					rs.getObject(3, Double.class), rs.getTimestamp(4).toInstant()))
			.list();
	}

	private String leaderboardJson() {
		this.stamper.refreshNow(true);
		return this.json
			.writeValueAsString(this.leaderboard.leaderboard(new FigureFilter(null, null, "all", this.dataset)));
	}

	private static void assertSameFigures(JsonNode a, JsonNode b) {
		assertThat(a.getNodeType()).isEqualTo(b.getNodeType());
		if (a.isNumber()) {
			assertThat(a.asDouble()).isCloseTo(b.asDouble(),
					org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(b.asDouble()))));
		}
		else if (a.isContainer()) {
			assertThat(a.size()).isEqualTo(b.size());
			if (a.isArray()) {
				for (int i = 0; i < a.size(); i++) {
					assertSameFigures(a.get(i), b.get(i));
				}
			}
			else {
				for (String name : b.propertyNames()) {
					assertSameFigures(a.get(name), b.get(name));
				}
			}
		}
		else {
			assertThat(a).isEqualTo(b);
		}
	}

	private String nextKey() {
		return "oracle-" + this.tag + "-" + (this.keys++);
	}

	private long anyPrompt() {
		return this.prompts.get(this.random.nextInt(this.prompts.size()));
	}

	private long anyModel() {
		return this.models.get(this.random.nextInt(this.models.size()));
	}

	private String anySetting() {
		return SETTINGS[this.random.nextInt(SETTINGS.length)];
	}

}
