package org.tokenyield.analytics.freshness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which figures a new version recomputes without waiting for a reader: those read in the
 * last minute, and the leaderboard a quiet home page shows for longer, so it patches an
 * import as it lands (docs/live-figures.md).
 */
class FollowedFiguresTests {

	static final long NOW = Duration.ofHours(5).toNanos();

	static final long WINDOW = Duration.ofMinutes(15).toNanos();

	static long ago(Duration d) {
		return NOW - d.toNanos();
	}

	@Test
	void aLeaderboardIsFollowedForItsWindowAndAnyOtherFigureForAMinute() {
		Map<List<Object>, Long> lastRead = new LinkedHashMap<>();
		lastRead.put(List.of("leaderboard", "home"), ago(Duration.ofMinutes(14)));
		lastRead.put(List.of("leaderboard", "stale"), ago(Duration.ofMinutes(16)));
		lastRead.put(List.of("scaling", "recent"), ago(Duration.ofSeconds(59)));
		lastRead.put(List.of("scaling", "quiet"), ago(Duration.ofSeconds(61)));
		lastRead.put(List.of("page", "home"), ago(Duration.ofMinutes(2)));

		assertThat(FigureCache.followed(lastRead, Long::longValue, NOW, Set.of("leaderboard"), WINDOW))
			.containsExactlyInAnyOrder(List.of("leaderboard", "home"), List.of("scaling", "recent"));
	}

	@Test
	void pastTheMinuteOnlyTheLeaderboardsLastReadAreFollowed() {
		Map<List<Object>, Long> lastRead = new LinkedHashMap<>();
		for (int i = 1; i <= 7; i++) {
			lastRead.put(List.of("leaderboard", "filter-" + i), ago(Duration.ofMinutes(i + 1)));
		}
		lastRead.put(List.of("leaderboard", "read-now"), ago(Duration.ofSeconds(1)));

		assertThat(FigureCache.followed(lastRead, Long::longValue, NOW, Set.of("leaderboard"), WINDOW))
			.hasSize(1 + FigureCache.FOLLOWED_LONGER)
			.containsExactlyInAnyOrder(List.of("leaderboard", "read-now"), List.of("leaderboard", "filter-1"),
					List.of("leaderboard", "filter-2"), List.of("leaderboard", "filter-3"),
					List.of("leaderboard", "filter-4"));
	}

}
