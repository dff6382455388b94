package org.tokenyield.analytics.calc;

/**
 * Graded runs of one prompt by versions other than the one being banded, and how many
 * were correct (METRICS.md section 7).
 */
public record PassCount(long promptId, int runs, int correct) {

	public PassCount {
		if (runs < 0 || correct < 0 || correct > runs) {
			throw new IllegalArgumentException("need 0 <= correct <= runs");
		}
	}

}
