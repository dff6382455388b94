package org.tokenyield.catalog;

import java.util.regex.Pattern;

/** How much a model may think: {@code default}, {@code off}, {@code thinking:N}, {@code effort:LEVEL}. */
public final class Setting {

	private static final Pattern FORM = Pattern.compile("default|off|thinking:[0-9]{1,7}|effort:[a-z]{1,16}");

	private Setting() {
	}

	public static boolean valid(String setting) {
		return setting != null && FORM.matcher(setting).matches();
	}

	public static final String DESCRIPTION = "one of default, off, thinking:N (budget tokens), effort:LEVEL";

}
