package org.tokenyield.analytics.calc;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The default leaderboard order (METRICS.md section 9): accuracy descending, then fewer
 * tokens. Unknown values sort last on either key.
 */
public final class Ranking {

	/** Config summaries in leaderboard order. */
	public static final Comparator<ConfigSummary> SUMMARIES = by(s -> s.accuracy().value(), ConfigSummary::generated);

	/** Pareto points in leaderboard order, ties by id. */
	public static final Comparator<ParetoPoint> POINTS = Ranking
		.<ParetoPoint>by(ParetoPoint::accuracy, ParetoPoint::tokens)
		.thenComparing(ParetoPoint::id, Comparator.nullsLast(Comparator.naturalOrder()));

	private Ranking() {
	}

	/** Accuracy descending, then tokens ascending, nulls last on both keys. */
	public static <T> Comparator<T> by(Function<T, Double> accuracy, Function<T, Double> tokens) {
		Comparator<T> byAccuracy = Comparator.comparing(accuracy, Comparator.nullsLast(Comparator.reverseOrder()));
		return byAccuracy.thenComparing(tokens, Comparator.nullsLast(Comparator.naturalOrder()));
	}

	/**
	 * The leaderboard's order: {@link #by} on generated tokens, then fewer input tokens,
	 * nulls last, which is what orders versions that generate nothing and have no score
	 * (tokenizers).
	 */
	public static <T> Comparator<T> by(Function<T, Double> accuracy, Function<T, Double> generated,
			Function<T, Double> input) {
		return by(accuracy, generated).thenComparing(input, Comparator.nullsLast(Comparator.naturalOrder()));
	}

}
