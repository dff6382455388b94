package org.tokenyield.analytics.freshness;

import java.time.Clock;

import org.tokenyield.analytics.AnalyticsProperties;

/**
 * A figure cache of its own for tests outside this package that compare a figure with one
 * computed from scratch.
 */
public final class FreshFigureCache {

	private FreshFigureCache() {
	}

	public static FigureCache of(SummaryVersionStamper stamper, ComputeBudget budget, AnalyticsProperties properties,
			Clock clock) {
		return new FigureCache(stamper, budget, new FigurePool(properties), properties, clock);
	}

}
