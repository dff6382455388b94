package org.tokenyield.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.RawHttp;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absolute links (feeds, the OpenAPI servers, the API browser's settings) come from
 * {@code app.public-base-url} (the tests' configuration sets
 * {@code https://tokenyield.example}), never from the request's {@code Host} or
 * {@code X-Forwarded-Host}.
 */
@IntegrationTest
class AbsoluteLinksTests {

	private static final String BASE = "https://tokenyield.example";

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private RawHttp.Response withHost(String path) throws Exception {
		return RawHttp.exchange(this.port,
				"GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nAccept: */*\r\nConnection: close\r\n\r\n");
	}

	private HttpResponse<String> withForwardedHost(String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "http")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/feed.atom", "/api/v1/openapi", "/api/v1/openapi/swagger-config" })
	void aForgedHostShapesNoLink(String path) throws Exception {
		RawHttp.Response forged = withHost(path);
		assertThat(forged.status()).as(forged.head()).isEqualTo(200);
		assertThat(forged.body()).doesNotContain("evil.example");
		HttpResponse<String> forwarded = withForwardedHost(path);
		assertThat(forwarded.statusCode()).isEqualTo(200);
		assertThat(forwarded.body()).doesNotContain("evil.example");
	}

	@Test
	void theFeedLinksToThePublicBaseUrl() throws Exception {
		String feed = withHost("/feed.atom").body();
		assertThat(feed).contains("href=\"" + BASE + "/feed.atom\"", "href=\"" + BASE + "/\"");
	}

	@Test
	void theOpenApiDocumentNamesThePublicServer() throws Exception {
		String document = withHost("/api/v1/openapi").body();
		assertThat(document).contains("\"servers\":[{\"url\":\"" + BASE + "\"");
	}

	@Test
	void theApiBrowserIsReachedByRelativeRedirects() throws Exception {
		RawHttp.Response docs = withHost("/api/v1/docs");
		assertThat(docs.status()).isBetween(300, 399);
		assertThat(docs.header("Location")).startsWith("/").doesNotContain("evil.example");
		assertThat(withForwardedHost("/api/v1/docs").headers().firstValue("Location").orElse(""))
			.doesNotContain("evil.example");
	}

}
