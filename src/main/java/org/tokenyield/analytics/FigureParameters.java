package org.tokenyield.analytics;

import org.tokenyield.system.Csv;

/**
 * The query string of every figure, API and page alike, bound once by Spring MVC:
 * {@link FigureFilter}'s four parameters and the answer's {@code format}.
 */
public record FigureParameters(String category, String difficulty, String setting, String dataset, String format) {

	/** The validated filter; a bad parameter is an InvalidInputException naming it. */
	public FigureFilter filter() {
		return new FigureFilter(this.category, this.difficulty, this.setting, this.dataset);
	}

	/**
	 * Whether the reader asked for CSV ({@code format=csv} or {@code Accept: text/csv}).
	 */
	public boolean csv(String accept) {
		return Csv.wanted(this.format, accept);
	}

}
