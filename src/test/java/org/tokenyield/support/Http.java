package org.tokenyield.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests to the running application, no framework
 * magic.
 */
public final class Http {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private String authorization;

	public Http(int port) {
		this.base = "http://localhost:" + port;
	}

	public Http basic(String username, String password) {
		Http copy = new Http(this.base);
		copy.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return copy;
	}

	public Http bearer(String token) {
		Http copy = new Http(this.base);
		copy.authorization = "Bearer " + token;
		return copy;
	}

	/** The Authorization header this client sends, null when it sends none. */
	public String authorization() {
		return this.authorization;
	}

	private Http(String base) {
		this.base = base;
	}

	public Response get(String path) {
		return send(request(path).GET().header("Accept", "application/json"));
	}

	public Response get(String path, String accept) {
		return send(request(path).GET().header("Accept", accept));
	}

	public Response post(String path, String body) {
		return post(path, "application/json", body);
	}

	public Response post(String path, String contentType, String body) {
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.header("Content-Type", contentType)
			.header("Accept", "application/json"));
	}

	/** A binary body, such as a zip. */
	public Response post(String path, String contentType, byte[] body) {
		return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Content-Type", contentType)
			.header("Accept", "application/json"));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.client.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body, String contentType) {

		public JsonNode json() {
			return json.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.contentType + " " + this.body;
		}

	}

	/** Serializes a test's request body. */
	public static String toJson(Object value) {
		return json.writeValueAsString(value);
	}

}
