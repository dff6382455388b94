package org.tokenyield.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.RawHttp;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the server refuses before the application sees them (a malformed request line,
 * a broken escape in the path) get the same content policy as every page, and no report:
 * no server name or version, no exception.
 */
@IntegrationTest
class ContainerErrorPageTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "GET /a%zz HTTP/1.1", "GET /a{b} HTTP/1.1", "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
			"GET /\u0001 HTTP/1.1" })
	void aRequestTheServerRefusesItselfCarriesTheContentPolicy(String requestLine) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.port,
				requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).as(response.head()).isEqualTo(400);
		assertThat(response.header("Content-Security-Policy")).as(response.head())
			.contains("default-src 'self'", "frame-ancestors 'none'");
		assertThat(response.body()).doesNotContainIgnoringCase("tomcat")
			.doesNotContain("Exception", "org.apache", "java.");
	}

}
