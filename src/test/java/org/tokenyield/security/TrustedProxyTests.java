package org.tokenyield.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who names the proxy ({@code APP_TRUSTED_PROXIES}, here loopback, where the
 * tests connect from) gets the client's address and scheme from that proxy's
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "APP_TRUSTED_PROXIES=127.0.0.0/8, ::1/128")
class TrustedProxyTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theNamedProxyTellsTheClientsAddress() throws Exception {
		String name = Accounts.uniqueName("proxied");
		var response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/accounts"))
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "198.51.100.23")
				.POST(HttpRequest.BodyPublishers.ofString(Http
					.toJson(Map.of("username", name, "email", name + "@example.org", "password", "correct-horse-1"))))
				.build(), HttpResponse.BodyHandlers.ofString());
		try {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			assertThat(this.jdbc.sql("select count(*) from client_actions where action = 'SIGN_UP' and client = ?")
				.param("198.51.100.23")
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		finally {
			this.jdbc.sql("delete from client_actions where client = '198.51.100.23'").update();
		}
	}

	@Test
	void theNamedProxyTellsTheScheme() throws Exception {
		var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("X-Forwarded-Proto", "https")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
		// the session cookie of a browser behind the proxy that terminated HTTPS
		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=")
				.containsIgnoringCase("HttpOnly")
				.containsIgnoringCase("SameSite=Lax")
				.containsIgnoringCase("; Secure"));
	}

}
