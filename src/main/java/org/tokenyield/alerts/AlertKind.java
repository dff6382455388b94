package org.tokenyield.alerts;

import java.util.Locale;

/** What changed. The API and the feed's category use {@link #apiName()}. */
public enum AlertKind {

	VERSION_ADDED, VERDICT_CHANGED, SETTING_IGNORED, DRIFT_OVER_TIME;

	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static AlertKind fromApiName(String apiName) {
		return valueOf(apiName.toUpperCase(Locale.ROOT));
	}

}
