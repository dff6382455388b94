package org.tokenyield.analytics;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Computes the home page's leaderboard (every prompt, each version's default setting)
 * before the application reports ready (readiness follows the runners; this one runs
 * after the starter figures' wait, order 20), so the first reader after a start or a
 * deploy finds it computed. With a long history the first computation reads the whole
 * summary and builds every interval's sums (about 35 s at a million groups,
 * docs/benchmark.md); a reader who comes meanwhile shares that one computation. Off with
 * {@code app.analytics.warm-leaderboard=false} (the tests: they compute the boards they
 * read).
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "app.analytics.warm-leaderboard", havingValue = "true", matchIfMissing = true)
class LeaderboardWarmup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(LeaderboardWarmup.class);

	private final Function<FigureFilter, List<LeaderboardRow>> board;

	private final FigureFilter filter;

	@Autowired
	LeaderboardWarmup(LeaderboardService leaderboard) {
		this(leaderboard::leaderboard, FigureFilter.EVERYTHING);
	}

	/** Warms the board of another filter, computed by {@code board} (tests). */
	LeaderboardWarmup(Function<FigureFilter, List<LeaderboardRow>> board, FigureFilter filter) {
		this.board = board;
		this.filter = filter;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			warmUp();
		}
		catch (RuntimeException ex) {
			// a head start, never a condition of starting: the first reader computes it
			log.warn("Leaderboard of {} not computed at start: {}", this.filter.seedText(), ex.toString());
		}
	}

	/** Computes the board, unless it is computed already; returns its rows. */
	int warmUp() {
		long started = System.nanoTime();
		int rows = this.board.apply(this.filter).size();
		log.info("Leaderboard of {} ready ({} rows) in {} ms", this.filter.seedText(), rows,
				(System.nanoTime() - started) / 1_000_000);
		return rows;
	}

}
