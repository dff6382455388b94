package org.tokenyield.analytics.calc;

/**
 * The verdict of a version change: the direction of generated-token drift crossed with
 * the direction of the accuracy change (METRICS.md section 2).
 */
public enum Verdict {

	PAID_FOR_GAINS("paid_for_gains"), OVERHEAD("overhead"), OVERTHINKING("overthinking"), FREE_GAINS("free_gains"),
	NO_CHANGE("no_change"), REGRESSION("regression"), EFFICIENCY_WIN("efficiency_win"), LEANER("leaner"),
	CUT_CORNERS("cut_corners");

	private final String apiName;

	Verdict(String apiName) {
		this.apiName = apiName;
	}

	/** The name used by the JSON API and the exports. */
	public String apiName() {
		return this.apiName;
	}

	/** The cell of the table; null when either direction is undefined. */
	public static Verdict of(Direction tokens, Direction accuracy) {
		if (tokens == null || accuracy == null) {
			return null;
		}
		return switch (tokens) {
			case UP -> switch (accuracy) {
				case UP -> PAID_FOR_GAINS;
				case SAME -> OVERHEAD;
				case DOWN -> OVERTHINKING;
			};
			case SAME -> switch (accuracy) {
				case UP -> FREE_GAINS;
				case SAME -> NO_CHANGE;
				case DOWN -> REGRESSION;
			};
			case DOWN -> switch (accuracy) {
				case UP -> EFFICIENCY_WIN;
				case SAME -> LEANER;
				case DOWN -> CUT_CORNERS;
			};
		};
	}

	/**
	 * The verdict of a generated-token drift and an accuracy change, null when either is
	 * undefined.
	 */
	public static Verdict of(Estimate generatedDrift, Estimate accuracyChange) {
		return of(Direction.of(generatedDrift), Direction.of(accuracyChange));
	}

	/** The enum constant of an API name. */
	public static Verdict fromApiName(String apiName) {
		for (Verdict v : values()) {
			if (v.apiName.equals(apiName)) {
				return v;
			}
		}
		throw new IllegalArgumentException("unknown verdict " + apiName);
	}

}
