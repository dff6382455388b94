package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;

import org.tokenyield.analytics.calc.ParetoFrontier;
import org.tokenyield.analytics.calc.ParetoPoint;

/**
 * The Pareto frontier of the leaderboard's accuracy-against-tokens chart, computed here
 * by {@link ParetoFrontier} and sent with the rows, so the page draws what the server
 * computed. The chart plots the rows with an accuracy and a positive mean of generated
 * tokens (its x axis is logarithmic); the frontier is taken over exactly those.
 */
public final class LeaderboardFrontier {

	private LeaderboardFrontier() {
	}

	/** The rows on the frontier, by generated tokens ascending. */
	public static List<LeaderboardRow> of(List<LeaderboardRow> rows) {
		List<ParetoPoint> points = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			LeaderboardRow row = rows.get(i);
			Double accuracy = row.accuracy().value();
			Double generated = row.tokens().generated();
			if (accuracy != null && generated != null && generated > 0) {
				points.add(new ParetoPoint(Integer.toString(i), generated, accuracy));
			}
		}
		return ParetoFrontier.frontier(points).stream().map(p -> rows.get(Integer.parseInt(p.id()))).toList();
	}

}
