package org.tokenyield.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.ComputeBudget;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.FreshFigureCache;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new run recomputes the bootstraps of the rows it changes, not of every row, and the
 * leaderboard stays exactly what a computation from scratch gives.
 */
@IntegrationTest
class LeaderboardMemoTests {

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
	FinishCountsQuery finish;

	@Autowired
	LatencyQuery latency;

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
	Clock clock;

	@Test
	void aNewRunRecomputesOnlyTheBootstrapsOfTheRowsItChanges() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		FigureFilter filter = new FigureFilter(null, null, LeaderboardService.ALL_SETTINGS, "memo-" + world.tag);
		this.jdbc.sql("update runs set dataset = ? where model_id in (?, ?)")
			.params(filter.dataset(), world.aId, world.bId)
			.update();
		this.stamper.refreshNow(true);
		List<LeaderboardRow> before = this.leaderboard.leaderboard(filter);
		assertThat(before).extracting(LeaderboardRow::model).containsOnly(world.a, world.b).hasSize(3);

		// one more correct run of A at its default, on a prompt it got wrong
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, reasoning_tokens, cost_usd, extracted_answer, score, finished_at)
				values (?, ?, ?, 'default', 3, 'SUCCEEDED', ?, 50, 130, 65, 0.001, '42', 1.0, ?)""")
			.params("memo-" + world.tag, world.prompts.get(11), world.aId, filter.dataset(),
					Timestamp.from(FigureFixture.WEEK_3))
			.update();
		long calculated = this.leaderboard.bootstrapsCalculated();
		this.stamper.refreshNow(true);
		List<LeaderboardRow> after = this.leaderboard.leaderboard(filter);

		// A at default: its summary, its drift from B and A's slope; B's row and A's
		// thinking:1024 row (its drift pairs it with B's default) are remembered
		assertThat(this.leaderboard.bootstrapsCalculated() - calculated).isEqualTo(3);
		assertThat(row(after, world.a, "default").accuracy().value())
			.isGreaterThan(row(before, world.a, "default").accuracy().value());
		assertThat(row(after, world.b, "default")).isEqualTo(row(before, world.b, "default"));

		FigureCache fresh = FreshFigureCache.of(this.stamper, this.budget, this.properties, this.clock);
		try {
			LeaderboardService fromScratch = new LeaderboardService(this.means, this.costs, this.finish, this.latency,
					this.catalog, fresh, this.visibility, this.stamper, this.properties, this.honour);
			assertThat(fromScratch.leaderboard(filter)).isEqualTo(after);
			// three summaries, two drifts from B and A's slope (B has one setting: no
			// slope)
			assertThat(fromScratch.bootstrapsCalculated()).isEqualTo(6);
		}
		finally {
			fresh.destroy();
		}
	}

	/**
	 * After new runs the leaderboard is recomputed in the background, its changed rows
	 * first with trailing intervals (see CalculationMemoTests); once their whole
	 * bootstraps land, a new version serves exactly the rows computed from scratch.
	 */
	@Test
	void withoutAnyReaderTheIntervalsCatchUpWithThePointEstimates() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		FigureFilter filter = new FigureFilter(null, null, LeaderboardService.ALL_SETTINGS, "trail-" + world.tag);
		this.jdbc.sql("update runs set dataset = ? where model_id in (?, ?)")
			.params(filter.dataset(), world.aId, world.bId)
			.update();
		this.stamper.refreshNow(true);
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
			List<LeaderboardRow> expected = new LeaderboardService(this.means, this.costs, this.finish, this.latency,
					this.catalog, fresh, this.visibility, this.stamper, this.properties, this.honour)
				.leaderboard(filter);
			// the scheduled stamper makes the versions: one for the runs, one when the
			// intervals land
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(this.leaderboard.leaderboard(filter)).isEqualTo(expected));
		}
		finally {
			fresh.destroy();
		}
	}

	private static LeaderboardRow row(List<LeaderboardRow> rows, String model, String setting) {
		return rows.stream()
			.filter(r -> r.model().equals(model) && r.setting().equals(setting))
			.findFirst()
			.orElseThrow();
	}

}
