package org.tokenyield.analytics;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.FigureCache;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up step that computes the home page's leaderboard before the application
 * reports ready: the first reader then finds it in the cache. (The test configuration
 * turns the runner off, {@code app.analytics.warm-leaderboard=false}, so that each test
 * computes the boards it reads; here it is built by hand.)
 */
@IntegrationTest
class LeaderboardWarmupTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LeaderboardService leaderboard;

	@Autowired
	FigureCache cache;

	@Autowired
	ApplicationContext context;

	@Test
	void theFirstReaderFindsTheWarmedBoardInTheCache() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		// a filter no other test reads, so nothing computed it before
		FigureFilter filter = new FigureFilter(null, null, LeaderboardService.ALL_SETTINGS, "figtest");
		FigureFilter own = new FigureFilter(null, null, null, "warm-" + world.tag);
		long misses = this.cache.misses();

		int rows = new LeaderboardWarmup(this.leaderboard::leaderboard, own).warmUp();
		long afterWarmup = this.cache.misses();
		this.leaderboard.leaderboard(own);

		assertThat(afterWarmup).as("the warm-up computed the board").isGreaterThan(misses);
		assertThat(this.cache.misses()).as("the reader after it did not").isEqualTo(afterWarmup);
		assertThat(rows).isEqualTo(this.leaderboard.leaderboard(own).size());
		int all = new LeaderboardWarmup(this.leaderboard::leaderboard, filter).warmUp();
		assertThat(all).as("the fixture's three configs, at least")
			.isGreaterThanOrEqualTo(3)
			.isEqualTo(this.leaderboard.leaderboard(filter).size());
	}

	@Test
	void aBoardThatCannotBeComputedDoesNotStopTheStart() {
		LeaderboardWarmup failing = new LeaderboardWarmup(filter -> {
			throw new IllegalStateException("the database is away");
		}, FigureFilter.EVERYTHING);

		assertThatCode(() -> failing.run(new DefaultApplicationArguments())).doesNotThrowAnyException();
		assertThatThrownBy(failing::warmUp).hasMessage("the database is away");
	}

	@Test
	void theRunnerWarmsTheHomePagesFilterAndTheTestsTurnItOff() {
		assertThat(FigureFilter.EVERYTHING).isEqualTo(new FigureParameters(null, null, null, null, null).filter())
			.isEqualTo(new FigureParameters("", "", "", null, "").filter());
		assertThat(this.context.getBeansOfType(LeaderboardWarmup.class)).isEmpty();
	}

}
