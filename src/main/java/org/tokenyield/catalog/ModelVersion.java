package org.tokenyield.catalog;

import java.util.List;

/**
 * A model version as every feature sees it. {@code key} is {@code provider/model}; the
 * first setting is the version's default on the leaderboard.
 */
public record ModelVersion(long id, String key, String family, String predecessor, String provider, String apiModel,
		List<String> settings, boolean simulated, boolean active, int samples, Prices prices) {

	public static final String EXTERNAL = "external";

	public String defaultSetting() {
		return this.settings.get(0);
	}

	/** Versions whose results only come from imports are never scheduled. */
	public boolean schedulable() {
		return this.active && !EXTERNAL.equals(this.provider);
	}

}
