package org.tokenyield.providers.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

/**
 * The headers of a provider's reply that are kept with a run (rate limits and request
 * ids, never a key), and the waits they announce: {@code retry-after} and OpenAI's
 * Go-style reset durations.
 */
public final class ReplyHeaders {

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

	private ReplyHeaders() {
	}

	/**
	 * Rate-limit and request-id headers as received, names lower-cased:
	 * {@code anthropic-ratelimit-*}, {@code x-ratelimit-*}, {@code retry-after},
	 * {@code request-id}, {@code x-request-id}. Never a key.
	 */
	public static Map<String, String> keptHeaders(HttpHeaders headers) {
		Map<String, String> kept = new TreeMap<>();
		headers.forEach((name, values) -> {
			String n = name.toLowerCase(Locale.ROOT);
			if (isKept(n) && values != null && !values.isEmpty()) {
				kept.put(n, String.join(", ", values));
			}
		});
		return kept;
	}

	static boolean isKept(String lowerName) {
		if (lowerName.contains("api-key") || lowerName.equals("authorization")) {
			return false;
		}
		return lowerName.startsWith("anthropic-ratelimit-") || lowerName.startsWith("x-ratelimit-")
				|| lowerName.equals("retry-after") || lowerName.equals("request-id")
				|| lowerName.equals("x-request-id");
	}

	/**
	 * {@code retry-after} in seconds (possibly fractional) or as an HTTP date; null when
	 * absent or unreadable.
	 */
	public static Duration parseRetryAfter(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		try {
			double seconds = Double.parseDouble(v);
			if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
				return null;
			}
			return Duration.ofMillis(Math.round(seconds * 1000));
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration d = Duration.between(now, at.toInstant());
			return d.isNegative() ? Duration.ZERO : d;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * A Go-style duration as OpenAI sends in {@code x-ratelimit-reset-*}: {@code 6m0s},
	 * {@code 1.5s}, {@code 20ms}, {@code 1h2m3s}. Null when absent or unreadable.
	 */
	public static Duration parseGoDuration(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		Matcher m = DURATION_PART.matcher(v);
		double nanos = 0;
		int end = 0;
		while (m.find()) {
			if (m.start() != end) {
				return null;
			}
			end = m.end();
			double n = Double.parseDouble(m.group(1));
			nanos += n * switch (m.group(2)) {
				case "h" -> 3_600e9;
				case "m" -> 60e9;
				case "s" -> 1e9;
				case "ms" -> 1e6;
				case "us", "µs" -> 1e3;
				default -> 1;
			};
		}
		if (end == 0 || end != v.length()) {
			return null;
		}
		return Duration.ofNanos(Math.round(nanos));
	}

}
