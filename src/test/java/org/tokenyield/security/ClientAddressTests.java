package org.tokenyield.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no proxy named ({@code APP_TRUSTED_PROXIES} unset), {@code X-Forwarded-*} headers
 * change nothing, whoever sends them, loopback included: a client cannot become another
 * client to dodge its limits, nor claim HTTPS. {@link TrustedProxyTests} names one.
 */
@IntegrationTest
class ClientAddressTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private HttpResponse<String> signUp(String forwardedFor) throws Exception {
		String name = Accounts.uniqueName("xff");
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/accounts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Http
				.toJson(Map.of("username", name, "email", name + "@example.org", "password", "correct-horse-1"))));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aForwardedForHeaderDoesNotMakeAnotherClient() throws Exception {
		assertThat(signUp(null).statusCode()).isEqualTo(201);
		String self = this.jdbc
			.sql("select client from client_actions where action = 'SIGN_UP' order by id desc limit 1")
			.query(String.class)
			.single();
		long used = this.jdbc.sql(
				"select count(*) from client_actions where action = 'SIGN_UP' and client = ? and at > now() - interval '1 hour'")
			.param(self)
			.query(Long.class)
			.single();
		// the test configuration allows 2000 sign-ups an hour; use up this client's hour
		this.jdbc.sql(
				"insert into client_actions (action, client, at) select 'SIGN_UP', ?, now() - interval '1 minute' from generate_series(1, ?)")
			.params(self, 2000 - used)
			.update();
		try {
			assertThat(signUp(null).statusCode()).isEqualTo(429);
			for (String forged : new String[] { "198.51.100.7", "198.51.100.8, 10.0.0.1", "127.0.0.2" }) {
				var again = signUp(forged);
				assertThat(again.statusCode()).as(forged + ": " + again.body()).isEqualTo(429);
			}
			assertThat(this.jdbc.sql("select count(*) from client_actions where client like '198.51.100.%'")
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			this.jdbc.sql("delete from client_actions where action = 'SIGN_UP' and at < now() - interval '30 seconds'")
				.update();
			this.jdbc.sql("delete from client_actions where client like '198.51.100.%'").update();
		}
	}

	@Test
	void aForwardedSchemeDoesNotMakeARequestSecure() throws Exception {
		var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("X-Forwarded-Proto", "https")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		// HSTS is sent on secure requests only: here the request stayed plain HTTP
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

}
