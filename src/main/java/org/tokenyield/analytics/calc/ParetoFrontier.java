package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The configs no other config beats on both sides: q dominates p when q uses no more
 * tokens and reaches no less accuracy, strictly better on at least one. Identical points
 * do not dominate each other, so both stay.
 */
public final class ParetoFrontier {

	private static final Comparator<ParetoPoint> ORDER = Comparator.comparingDouble(ParetoPoint::tokens)
		.thenComparing(Comparator.comparingDouble(ParetoPoint::accuracy).reversed())
		.thenComparing(ParetoPoint::id, Comparator.nullsFirst(Comparator.naturalOrder()));

	private ParetoFrontier() {
	}

	/**
	 * The undominated points, by tokens ascending (ties: accuracy descending, then id).
	 */
	public static List<ParetoPoint> frontier(Collection<ParetoPoint> points) {
		List<ParetoPoint> out = new ArrayList<>();
		for (ParetoPoint p : points) {
			boolean dominated = false;
			for (ParetoPoint q : points) {
				if (dominates(q, p)) {
					dominated = true;
					break;
				}
			}
			if (!dominated) {
				out.add(p);
			}
		}
		out.sort(ORDER);
		return out;
	}

	public static boolean dominates(ParetoPoint q, ParetoPoint p) {
		return q.tokens() <= p.tokens() && q.accuracy() >= p.accuracy()
				&& (q.tokens() < p.tokens() || q.accuracy() > p.accuracy());
	}

}
