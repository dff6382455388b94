package org.tokenyield.analytics;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokenyield.analytics.ConfigFigureService.VarianceReport;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.SomeModulesOnly;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytics module with only the modules it names as dependencies (the catalog for
 * versions, system for the simulated switch): it computes the leaderboard and a config's
 * figures from the summary that the database keeps, on the shared embedded PostgreSQL,
 * with no run queue, no prompts service and no web pages of other modules around it.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@SomeModulesOnly
class AnalyticsModuleTests {

	@Autowired
	LeaderboardService leaderboard;

	@Autowired
	ConfigFigureService configFigures;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theModuleAloneComputesTheLeaderboardAndAConfigsVarianceFromTheSummary() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);

		FigureFilter mine = new FigureFilter(null, null, null, "figtest");
		List<LeaderboardRow> rows = this.leaderboard.leaderboard(mine)
			.stream()
			.filter(r -> r.model().equals(world.a))
			.toList();
		// A at its default: correct on prompts 0..5 of 12, g = 100, 110, 120 on every
		// prompt
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.accuracy().value()).isCloseTo(0.5, within(1e-12));
			assertThat(row.tokens().generated()).isCloseTo(110.0, within(1e-9));
		});

		VarianceReport variance = this.configFigures.variance(world.a, mine);
		// every prompt: sd of (100, 110, 120) = 10 over mean 110
		assertThat(variance.prompts()).isEqualTo(12);
		assertThat(variance.medianCv()).isCloseTo(10.0 / 110, within(1e-12));
		assertThat(variance.shareRatioAboveTwo()).isZero();
	}

}
