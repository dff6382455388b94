package org.tokenyield.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.ComputeBudget;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.FreshFigureCache;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new run, or a new prompt, moves the leaderboard's resample sums by the prompts it
 * changed (no rebuild from the whole summary), and the leaderboard stays exactly what a
 * computation from scratch gives.
 */
@IntegrationTest
class LeaderboardIntervalsTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	LeaderboardService leaderboard;

	@Autowired
	ConfigMeansQuery means;

	@Autowired
	CostQuery costs;

	@Autowired
	CatalogService catalog;

	@Autowired
	SimulatedVisibility visibility;

	@Autowired
	ComputeBudget budget;

	@Autowired
	AnalyticsProperties properties;

	@Autowired
	SettingHonourService honour;

	@Autowired
	ApplicationContext context;

	@Autowired
	Clock clock;

	@Test
	void aNewRunMovesTheIntervalsWithoutARebuild() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		FigureFilter filter = ownDataset(world, "memo-");
		List<LeaderboardRow> before = this.leaderboard.leaderboard(filter);
		assertThat(before).extracting(LeaderboardRow::model).containsOnly(world.a, world.b).hasSize(3);

		// one more correct run of A at its default, on a prompt it got wrong
		insertRun(world.prompts.get(11), world.aId, filter, "memo-" + world.tag);
		long rebuilds = this.leaderboard.intervalRebuilds();
		// forced: the figure cache starts afresh, the summary's last read and the sums
		// stay
		this.stamper.refreshNow(true);
		List<LeaderboardRow> after = this.leaderboard.leaderboard(filter);

		assertThat(this.leaderboard.intervalRebuilds()).isEqualTo(rebuilds);
		assertThat(row(after, world.a, "default").accuracy().value())
			.isGreaterThan(row(before, world.a, "default").accuracy().value());
		assertThat(row(after, world.b, "default")).isEqualTo(row(before, world.b, "default"));
		// the run's latency moved its config's time per task (its group's buckets read
		// again with it)
		assertThat(row(after, world.a, "default").timePerTask().runs())
			.isEqualTo(row(before, world.a, "default").timePerTask().runs() + 1);
		assertThat(this.leaderboard.rowsWithBadges(filter)).isEqualTo(fromScratch(filter));
		// the badges kept from the sums are what /api/v1/scaling computes in one go
		ModelVersion a = this.catalog.require(world.a);
		Map<String, SettingHonour> badges = this.leaderboard.rowsWithBadges(filter).honour().get(world.a);
		assertThat(badges.values()).containsExactlyInAnyOrderElementsOf(this.honour.sweep(a, filter,
				FigureService.sweepOf(a, this.means.means(filter.anySetting(), List.of(world.aId)))));
		assertThat(badges.get("thinking:1024").prompts()).isEqualTo(12);
	}

	@Test
	void aNewPromptPatchesInWithoutARebuild() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		FigureFilter filter = ownDataset(world, "new-");
		List<LeaderboardRow> before = this.leaderboard.leaderboard(filter);

		// a prompt approved now, its first runs on A's and B's defaults
		long prompt = this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values ('new', ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test')
				returning id""")
			.params("a prompt approved later " + world.tag, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
		insertRun(prompt, world.aId, filter, "new-a-" + world.tag);
		insertRun(prompt, world.bId, filter, "new-b-" + world.tag);
		long rebuilds = this.leaderboard.intervalRebuilds();
		// forced: the figure cache starts afresh, the summary's last read and the sums
		// stay
		this.stamper.refreshNow(true);
		List<LeaderboardRow> after = this.leaderboard.leaderboard(filter);

		assertThat(this.leaderboard.intervalRebuilds()).isEqualTo(rebuilds);
		// 12 prompts before, 13 now on both defaults; A's thinking:1024 row unchanged
		assertThat(row(after, world.a, "default").prompts()).isEqualTo(13);
		assertThat(row(after, world.b, "default").prompts()).isEqualTo(13);
		assertThat(row(after, world.a, "thinking:1024").prompts()).isEqualTo(12);
		assertThat(row(after, world.a, "default")).isNotEqualTo(row(before, world.a, "default"));
		assertThat(this.leaderboard.rowsWithBadges(filter)).isEqualTo(fromScratch(filter));
	}

	/**
	 * Every setting of the world's two versions in a dataset of their own (prefix and the
	 * world's tag), so no other test's runs move them; a new summary version made.
	 */
	private FigureFilter ownDataset(FigureFixture world, String prefix) {
		FigureFilter filter = new FigureFilter(null, null, LeaderboardService.ALL_SETTINGS, prefix + world.tag);
		this.jdbc.sql("update runs set dataset = ? where model_id in (?, ?)")
			.params(filter.dataset(), world.aId, world.bId)
			.update();
		this.stamper.refreshNow(true);
		return filter;
	}

	private void insertRun(long prompt, long model, FigureFilter filter, String key) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, reasoning_tokens, cost_usd, extracted_answer, score, finished_at,
				                  latency_ms)
				values (?, ?, ?, 'default', 3, 'SUCCEEDED', ?, 50, 130, 65, 0.001, '42', 1.0, ?, 4200)""")
			.params(key, prompt, model, filter.dataset(), Timestamp.from(FigureFixture.WEEK_3))
			.update();
	}

	/**
	 * The leaderboard and its badges from a service that never read them before: summary
	 * read in full.
	 */
	private LeaderboardService.RowsWithBadges fromScratch(FigureFilter filter) {
		FigureCache fresh = FreshFigureCache.of(this.stamper, this.budget, this.properties, this.clock);
		try {
			return new LeaderboardService(ownQuery(), this.costs, this.catalog, fresh, this.visibility)
				.rowsWithBadges(filter);
		}
		finally {
			fresh.destroy();
		}
	}

	/**
	 * After new runs the leaderboard is recomputed in the background, with no reader
	 * asking: a new version serves exactly the rows computed from scratch.
	 */
	@Test
	void withoutAnyReaderTheLeaderboardFollowsNewRuns() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		FigureFilter filter = ownDataset(world, "trail-");
		this.leaderboard.leaderboard(filter); // read: recomputed after each new version
		for (int i = 0; i < 6; i++) {
			this.jdbc.sql("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset,
					                  input_tokens, output_tokens, reasoning_tokens, cost_usd, extracted_answer, score,
					                  finished_at)
					values (?, ?, ?, 'default', 3, 'SUCCEEDED', ?, 50, 130, 65, 0.001, '42', 1.0, ?)""")
				.params("trail-" + world.tag + "-" + i, world.prompts.get(6 + i), world.aId, filter.dataset(),
						Timestamp.from(FigureFixture.WEEK_3))
				.update();
		}
		FigureCache fresh = FreshFigureCache.of(this.stamper, this.budget, this.properties, this.clock);
		try {
			List<LeaderboardRow> expected = new LeaderboardService(ownQuery(), this.costs, this.catalog, fresh,
					this.visibility)
				.leaderboard(filter);
			// the scheduled stamper makes the version for the runs
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(this.leaderboard.leaderboard(filter)).isEqualTo(expected));
		}
		finally {
			fresh.destroy();
		}
	}

	/**
	 * A summary query of its own (transactional, as the application's): a computation
	 * from scratch reads in full, and does not patch the reads the application's
	 * leaderboard keeps while its background recompute uses them.
	 */
	private ConfigMeansQuery ownQuery() {
		return this.context.getAutowireCapableBeanFactory().createBean(ConfigMeansQuery.class);
	}

	private static LeaderboardRow row(List<LeaderboardRow> rows, String model, String setting) {
		return rows.stream()
			.filter(r -> r.model().equals(model) && r.setting().equals(setting))
			.findFirst()
			.orElseThrow();
	}

}
