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
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.tokenyield.providers.ProviderException;

/**
 * The one HTTP exchange every adapter makes: POST a JSON string, get status, kept headers
 * and the body as received. Never throws on an HTTP status (the adapter reads the
 * provider's error body, and {@link ProviderFailures} classifies it); I/O failures become
 * retryable {@link ProviderException}s. Never retries. Which headers are kept and what
 * they say about waiting: {@link ReplyHeaders}.
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
			return ReplyHeaders.parseRetryAfter(this.headers.get("retry-after"), Instant.now());
		}

	}

	/**
	 * A {@link RestClient} on the endpoint's base URL with a JDK {@link HttpClient} and
	 * the endpoint's connect and read timeouts. Plain {@code http://} (local servers)
	 * uses HTTP/1.1 so no h2c upgrade is attempted.
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
	 * @throws ProviderException retryable, status 0, when no response came (timeouts,
	 * resets, refused connections)
	 */
	public static Response postJson(RestClient client, String provider, String path, String json,
			Consumer<HttpHeaders> headers, Object... uriVariables) throws ProviderException {
		long start = System.nanoTime();
		try {
			Response response = client.post().uri(path, uriVariables).headers(h -> {
				h.setContentType(MediaType.APPLICATION_JSON);
				h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
				headers.accept(h);
			})
				// bytes, not a String: whatever converters the builder carries write them
				// unchanged
				.body(json.getBytes(StandardCharsets.UTF_8))
				.exchange((request, res) -> {
					byte[] bytes;
					try (InputStream in = res.getBody()) {
						// capped: a misbehaving gateway must not fill the heap with one
						// reply
						bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
					}
					if (bytes.length > MAX_RESPONSE_BYTES) {
						throw new ResponseTooLarge();
					}
					long latency = (System.nanoTime() - start) / 1_000_000;
					return new Response(res.getStatusCode().value(), ReplyHeaders.keptHeaders(res.getHeaders()),
							new String(bytes, StandardCharsets.UTF_8), latency);
				}, true);
			if (response == null) {
				throw ProviderException.retryable(provider + ": no response", 0, null);
			}
			return response;
		}
		catch (ResponseTooLarge ex) {
			throw ProviderException
				.fatal(provider + ": response larger than " + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB; not read", 0);
		}
		catch (ResourceAccessException ex) {
			throw ProviderException.retryable(provider + ": " + describeIo(ex), 0, null);
		}
		catch (RestClientException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof ResponseTooLarge) {
				throw ProviderException.fatal(
						provider + ": response larger than " + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB; not read", 0);
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
		return kind + " (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
	}

}
