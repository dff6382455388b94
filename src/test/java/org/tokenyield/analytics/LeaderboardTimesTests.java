package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.ConfigMeansQuery.Changes;
import org.tokenyield.analytics.calc.TimePerTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shown configs' time per task is read again only for the configs a patched read
 * touched, and for all after a read in full or a missed read.
 */
class LeaderboardTimesTests {

	private static final FigureFilter FILTER = new FigureFilter(null, null, null, "times");

	private static final ConfigKey A = new ConfigKey(1, "default");

	private static final ConfigKey B = new ConfigKey(2, "default");

	@Test
	void onlyTheConfigsTouchedAreReadAgain() {
		LeaderboardTimes times = new LeaderboardTimes();
		List<List<ConfigKey>> asked = new ArrayList<>();
		TimePerTask slow = new TimePerTask(3, 900.0, 1200.0, 40.0);
		Function<List<ConfigKey>, Map<ConfigKey, TimePerTask>> read = missing -> {
			asked.add(List.copyOf(missing));
			return missing.contains(B) ? Map.of(B, slow) : Map.of();
		};

		Map<ConfigKey, TimePerTask> first = times.times(FILTER, new Changes(1), List.of(A, B), read);
		times.times(FILTER, new Changes(2, 1, List.of(), Set.of(B)), List.of(A, B), read);
		times.times(FILTER, new Changes(3, 2, List.of(), Set.of()), List.of(A, B), read);
		// read 4 was never seen here: all again
		times.times(FILTER, new Changes(5, 4, List.of(), Set.of(A)), List.of(A, B), read);
		times.times(FILTER, new Changes(6), List.of(A), read);

		assertThat(asked).containsExactly(List.of(A, B), List.of(B), List.of(A, B), List.of(A));
		// a config without latency buckets has none
		assertThat(first).containsExactly(Map.entry(A, TimePerTask.NONE), Map.entry(B, slow));
	}

}
