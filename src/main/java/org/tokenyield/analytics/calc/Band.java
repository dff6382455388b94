package org.tokenyield.analytics.calc;

/** Difficulty band of a prompt (METRICS.md section 7). */
public enum Band {

	EASY("easy"), MEDIUM("medium"), HARD("hard"), UNKNOWN("unknown");

	private final String apiName;

	Band(String apiName) {
		this.apiName = apiName;
	}

	public String apiName() {
		return this.apiName;
	}

	public static Band fromApiName(String apiName) {
		for (Band b : values()) {
			if (b.apiName.equals(apiName)) {
				return b;
			}
		}
		throw new IllegalArgumentException("unknown band " + apiName);
	}

}
