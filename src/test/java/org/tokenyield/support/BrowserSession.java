package org.tokenyield.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as the server sees it, without a browser: a cookie jar, form posts carrying
 * the CSRF token of the last page read, and redirects left to the test.
 */
public final class BrowserSession {

	private static final Pattern CSRF = Pattern
		.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	private final HttpClient client;

	private final String base;

	private String csrf;

	public BrowserSession(int port) {
		this(HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build(), port);
	}

	private BrowserSession(HttpClient client, int port) {
		this.client = client;
		this.base = "http://localhost:" + port;
	}

	/**
	 * The same browser (same cookie jar) talking to another instance on this host, as a
	 * load balancer would route it; the CSRF token comes from the next page read there.
	 */
	public BrowserSession at(int port) {
		return new BrowserSession(this.client, port);
	}

	public record Page(int status, String body, String location, HttpResponse<String> raw) {
	}

	/** Signs in through the form; the answer is the form's redirect. */
	public Page signIn(String username, String password) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password));
	}

	public Page get(String path) {
		Page page = send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().header("Accept", "text/html"));
		Matcher m = CSRF.matcher(page.body());
		if (m.find()) {
			this.csrf = m.group(1) != null ? m.group(1) : m.group(2);
		}
		return page;
	}

	/** A form post with the CSRF token of the last page read. */
	public Page post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (this.csrf != null) {
			fields.putIfAbsent("_csrf", this.csrf);
		}
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html"));
	}

	/** Any request with this session's cookies, for headers a form cannot send. */
	public Page send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.client.send(builder.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Page(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(null), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String csrf() {
		return this.csrf;
	}

	public String base() {
		return this.base;
	}

}
