package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoAndRankingTests {

	@Test
	void frontierKeepsUndominatedPointsByTokens() {
		ParetoPoint a = new ParetoPoint("a", 100, 0.5);
		ParetoPoint b = new ParetoPoint("b", 200, 0.7);
		ParetoPoint c = new ParetoPoint("c", 300, 0.6); // dominated by b
		ParetoPoint d = new ParetoPoint("d", 200, 0.65); // same tokens as b, less
															// accurate
		ParetoPoint e = new ParetoPoint("e", 400, 0.7); // same accuracy as b, more tokens
		ParetoPoint f = new ParetoPoint("f", 500, 0.9);
		ParetoPoint g = new ParetoPoint("g", 500, 0.9); // identical to f: both stay
		assertThat(ParetoFrontier.frontier(List.of(f, e, d, c, b, a, g))).containsExactly(a, b, f, g);
		assertThat(ParetoFrontier.frontier(List.of())).isEmpty();
		assertThat(ParetoFrontier.dominates(f, g)).isFalse();
	}

	@Test
	void defaultOrderIsAccuracyThenFewerTokens() {
		List<ParetoPoint> points = new ArrayList<>(List.of(new ParetoPoint("x", 300, 0.7),
				new ParetoPoint("y", 100, 0.7), new ParetoPoint("z", 50, 0.6), new ParetoPoint("w", 900, 0.8)));
		points.sort(Ranking.POINTS);
		assertThat(points).extracting(ParetoPoint::id).containsExactly("w", "y", "x", "z");
	}

	@Test
	void unknownAccuracyOrTokensSortLast() {
		ConfigSummary ungraded = new ConfigSummary(3, 0, Estimate.UNDEFINED, 10.0, 100.0, null, 100.0, null);
		ConfigSummary noTokens = new ConfigSummary(3, 3, Estimate.pointOnly(0.9), 10.0, null, null, null, null);
		ConfigSummary lean = new ConfigSummary(3, 3, Estimate.pointOnly(0.9), 10.0, 200.0, null, 200.0, null);
		ConfigSummary weak = new ConfigSummary(3, 3, Estimate.pointOnly(0.1), 10.0, 20.0, null, 20.0, null);
		List<ConfigSummary> rows = new ArrayList<>(List.of(ungraded, weak, noTokens, lean));
		rows.sort(Ranking.SUMMARIES);
		assertThat(rows).containsExactly(lean, noTokens, weak, ungraded);
	}

	@Test
	void leaderboardOrderBreaksTiesOnInputTokens() {
		// tokenizers: no score and no generated tokens, so fewer input tokens decides
		record Row(String id, Double accuracy, Double generated, Double input) {
		}
		List<Row> rows = new ArrayList<>(List.of(new Row("o200k", null, null, 40.0), new Row("r50k", null, null, 55.0),
				new Row("none", null, null, null), new Row("graded", 0.2, 900.0, 70.0),
				new Row("same-lean", 0.9, 100.0, 80.0), new Row("same-leaner-input", 0.9, 100.0, 60.0)));
		rows.sort(Ranking.by(Row::accuracy, Row::generated, Row::input));
		assertThat(rows).extracting(Row::id)
			.containsExactly("same-leaner-input", "same-lean", "graded", "o200k", "r50k", "none");
	}

}
