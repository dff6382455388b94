package org.tokenyield.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.tokenyield.providers.ProviderException;

/**
 * The one HTTP exchange every adapter makes: POST a JSON string, get status, kept headers and
 * the body as received. Never throws on an HTTP status (the adapter reads the provider's error
 * body); I/O failures become retryable {@link ProviderException}s. Never retries.
 */
public final class ProviderHttp {

	private ProviderHttp() {
	}

	/** The response of one call, headers already filtered to what is kept with a run. */
	public record Response(int status, Map<String, String> headers, String body, long latencyMs) {

		public boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/** {@code retry-after} as seconds or an HTTP date, or null. */
		public Duration retryAfter() {
			return parseRetryAfter(this.headers.get("retry-after"), Instant.now());
		}

	}

	/**
	 * A {@link RestClient} on the endpoint's base URL with a JDK {@link HttpClient} and the
	 * endpoint's connect and read timeouts. Plain {@code http://} (local servers) uses HTTP/1.1
	 * so no h2c upgrade is attempted.
	 */
	public static RestClient restClient(RestClient.Builder builder, ProviderProperties.Endpoint endpoint) {
		HttpClient.Builder http = HttpClient.newBuilder()
			.connectTimeout(endpoint.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER);
		if (endpoint.baseUrl() != null && endpoint.baseUrl().startsWith("http://")) {
			http.version(HttpClient.Version.HTTP_1_1);
		}
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http.build());
		factory.setReadTimeout(endpoint.readTimeout());
		RestClient.Builder b = builder.clone().requestFactory(factory);
		if (endpoint.baseUrl() != null) {
			b.baseUrl(endpoint.baseUrl());
		}
		return b.build();
	}

	/** The largest reply body read from a provider. */
	static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

	private static final class ResponseTooLarge extends RuntimeException {

		ResponseTooLarge() {
			super("response too large", null, false, false);
		}

	}

	/**
	 * POSTs {@code json} to {@code path}, a URI template appended to the base URL's path.
	 * @param provider used in failure messages
	 * @throws ProviderException retryable, status 0, when no response came (timeouts, resets,
	 * refused connections)
	 */
	public static Response postJson(RestClient client, String provider, String path, String json,
			Consumer<HttpHeaders> headers, Object... uriVariables) throws ProviderException {
		long start = System.nanoTime();
		try {
			Response response = client.post()
				.uri(path, uriVariables)
				.headers(h -> {
					h.setContentType(MediaType.APPLICATION_JSON);
					h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
					headers.accept(h);
				})
				// bytes, not a String: whatever converters the builder carries write them unchanged
				.body(json.getBytes(StandardCharsets.UTF_8))
				.exchange((request, res) -> {
					byte[] bytes;
					try (InputStream in = res.getBody()) {
						// capped: a misbehaving gateway must not fill the heap with one reply
						bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
					}
					if (bytes.length > MAX_RESPONSE_BYTES) {
						throw new ResponseTooLarge();
					}
					long latency = (System.nanoTime() - start) / 1_000_000;
					return new Response(res.getStatusCode().value(), keptHeaders(res.getHeaders()),
							new String(bytes, StandardCharsets.UTF_8), latency);
				}, true);
			if (response == null) {
				throw ProviderException.retryable(provider + ": no response", 0, null);
			}
			return response;
		}
		catch (ResponseTooLarge ex) {
			throw ProviderException.fatal(provider + ": response larger than " + MAX_RESPONSE_BYTES / (1024 * 1024)
					+ " MB; not read", 0);
		}
		catch (ResourceAccessException ex) {
			throw ProviderException.retryable(provider + ": " + describeIo(ex), 0, null);
		}
		catch (RestClientException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof ResponseTooLarge) {
				throw ProviderException.fatal(provider + ": response larger than " + MAX_RESPONSE_BYTES / (1024 * 1024)
						+ " MB; not read", 0);
			}
			if (cause instanceof IOException io) {
				throw ProviderException.retryable(provider + ": " + describeIo(io), 0, null);
			}
			throw ProviderException.fatal(provider + ": request failed: " + ex.getMessage(), 0);
		}
	}

	private static String describeIo(Exception ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			if (t instanceof HttpTimeoutException) {
				break;
			}
			t = t.getCause();
		}
		String kind;
		if (t instanceof HttpTimeoutException) {
			kind = "timed out";
		}
		else if (t instanceof ConnectException) {
			kind = "connection refused";
		}
		else if (t instanceof SocketException) {
			kind = "connection reset";
		}
		else {
			kind = "I/O error";
		}
		return kind + " (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
				+ ")";
	}

	/**
	 * Rate-limit and request-id headers as received, names lower-cased: {@code anthropic-ratelimit-*},
	 * {@code x-ratelimit-*}, {@code retry-after}, {@code request-id}, {@code x-request-id}. Never a key.
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

	/** {@code retry-after} in seconds (possibly fractional) or as an HTTP date; null when absent or unreadable. */
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

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

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

	/**
	 * Classifies a non-2xx status (PROVIDERS.md, "Retries"): 408, 429, 500, 502, 503, 504 and 529
	 * are retryable unless {@code finalAnyway} (quota exhausted); everything else is final.
	 */
	public static ProviderException failure(String provider, int status, String providerMessage,
			Duration retryAfter, boolean finalAnyway) {
		String message = provider + " HTTP " + status + ": " + providerMessage;
		if (!finalAnyway && isRetryableStatus(status)) {
			return ProviderException.retryable(message, status, retryAfter);
		}
		return ProviderException.fatal(message, status);
	}

	public static boolean isRetryableStatus(int status) {
		return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
				|| status == 529;
	}

	/** A body cut for a message, when the error body is not the provider's JSON. */
	public static String snippet(String body) {
		if (body == null || body.isBlank()) {
			return "(empty body)";
		}
		String b = body.strip().replaceAll("\\s+", " ");
		return b.length() > 300 ? b.substring(0, 300) + "…" : b;
	}

}
