package org.tokenyield.analytics.freshness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.tokenyield.analytics.freshness.FigureCache.Reading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which figures a new version recomputes without waiting for a reader: those read in the
 * last minute, and the leaderboards for longer (the home page's whenever it was read), at
 * most once a second, so it patches an import as it lands without taking the lane through
 * the whole import (docs/live-figures.md).
 */
class FollowedFiguresTests {

	static final long NOW = Duration.ofHours(5).toNanos();

	static final long WINDOW = Duration.ofMinutes(15).toNanos();

	static final Set<Object> LEADERBOARDS = Set.of("leaderboard");

	static long ago(Duration d) {
		return NOW - d.toNanos();
	}

	/** Read {@code read} ago, last computed a minute ago. */
	static Reading rested(Duration read) {
		return new Reading(ago(read), ago(Duration.ofMinutes(1)));
	}

	@Test
	void aLeaderboardIsFollowedForItsWindowAndAnyOtherFigureForAMinute() {
		Map<List<Object>, Reading> figures = new LinkedHashMap<>();
		figures.put(List.of("leaderboard", "home"), rested(Duration.ofMinutes(14)));
		figures.put(List.of("leaderboard", "stale"), rested(Duration.ofMinutes(16)));
		figures.put(List.of("scaling", "recent"), rested(Duration.ofSeconds(59)));
		figures.put(List.of("scaling", "quiet"), rested(Duration.ofSeconds(61)));
		figures.put(List.of("page", "home"), rested(Duration.ofMinutes(2)));

		assertThat(FigureCache.followed(figures, NOW, LEADERBOARDS, WINDOW, Set.of()))
			.containsExactlyInAnyOrder(List.of("leaderboard", "home"), List.of("scaling", "recent"));
	}

	@Test
	void pastTheMinuteOnlyTheLeaderboardsLastReadAreFollowed() {
		Map<List<Object>, Reading> figures = new LinkedHashMap<>();
		for (int i = 1; i <= 7; i++) {
			figures.put(List.of("leaderboard", "filter-" + i), rested(Duration.ofMinutes(i + 1)));
		}
		figures.put(List.of("leaderboard", "read-now"), rested(Duration.ofSeconds(1)));

		assertThat(FigureCache.followed(figures, NOW, LEADERBOARDS, WINDOW, Set.of()))
			.hasSize(1 + FigureCache.FOLLOWED_LONGER)
			.containsExactlyInAnyOrder(List.of("leaderboard", "read-now"), List.of("leaderboard", "filter-1"),
					List.of("leaderboard", "filter-2"), List.of("leaderboard", "filter-3"),
					List.of("leaderboard", "filter-4"));
	}

	@Test
	void theHomePagesBoardIsFollowedWhenLastReadAndBeforeTheOthers() {
		Map<List<Object>, Reading> figures = new LinkedHashMap<>();
		List<Object> home = List.of("leaderboard", "home");
		figures.put(home, rested(Duration.ofHours(3)));
		for (int i = 1; i <= 7; i++) {
			figures.put(List.of("leaderboard", "filter-" + i), rested(Duration.ofMinutes(i + 1)));
		}

		assertThat(FigureCache.followed(figures, NOW, LEADERBOARDS, WINDOW, Set.of()))
			.hasSize(FigureCache.FOLLOWED_LONGER)
			.doesNotContain(home);
		assertThat(FigureCache.followed(figures, NOW, LEADERBOARDS, WINDOW, Set.of(home)))
			.hasSize(FigureCache.FOLLOWED_LONGER)
			.containsExactlyInAnyOrder(home, List.of("leaderboard", "filter-1"), List.of("leaderboard", "filter-2"),
					List.of("leaderboard", "filter-3"));
		// and rests like the others
		figures.put(home, new Reading(ago(Duration.ofHours(3)), ago(Duration.ofMillis(900))));
		assertThat(FigureCache.followed(figures, NOW, LEADERBOARDS, WINDOW, Set.of(home))).doesNotContain(home);
	}

	@Test
	void pastTheMinuteALeaderboardIsRecomputedAtMostOnceASecond() {
		Map<List<Object>, Reading> figures = new LinkedHashMap<>();
		figures.put(List.of("leaderboard", "rested"),
				new Reading(ago(Duration.ofMinutes(3)), ago(Duration.ofMillis(1_100))));
		figures.put(List.of("leaderboard", "resting"),
				new Reading(ago(Duration.ofMinutes(3)), ago(Duration.ofMillis(900))));
		// read in the last minute: at every version, rested or not
		figures.put(List.of("leaderboard", "read"), new Reading(ago(Duration.ofSeconds(5)), NOW));

		assertThat(FigureCache.followed(figures, NOW, LEADERBOARDS, WINDOW, Set.of()))
			.containsExactlyInAnyOrder(List.of("leaderboard", "rested"), List.of("leaderboard", "read"));
	}

}
