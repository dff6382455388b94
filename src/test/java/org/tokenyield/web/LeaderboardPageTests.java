package org.tokenyield.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokenyield.analytics.LeaderboardRow;
import org.tokenyield.analytics.calc.Estimate;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page leads with real results; simulated rows follow, each group ranked. */
class LeaderboardPageTests {

	private static LeaderboardRow row(String model, boolean simulated) {
		return new LeaderboardRow(model, "default", "f", "p", simulated, 1, Estimate.UNDEFINED,
				new LeaderboardRow.Tokens(null, null, null), null, null, null, null, null, null, null, null, null, null,
				null);
	}

	@Test
	void realRowsComeFirstInTheirRankingOrderThenTheSimulatedOnes() {
		List<LeaderboardRow> ranked = List.of(row("sim/a", true), row("real/b", false), row("sim/c", true),
				row("real/d", false));

		List<String> shown = ranked.stream().sorted(LeaderboardPage.REAL_FIRST).map(LeaderboardRow::model).toList();

		assertThat(shown).containsExactly("real/b", "real/d", "sim/a", "sim/c");
	}

}
