package org.tokenyield.providers;

/** Whether a provider accepts a setting, and why not. */
public record SettingCheck(boolean accepted, String reason) {

	public static SettingCheck ok() {
		return new SettingCheck(true, null);
	}

	public static SettingCheck refused(String reason) {
		return new SettingCheck(false, reason);
	}

}
