package org.tokenyield.support;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates accounts and API tokens through the public API, as a client would. */
public final class Accounts {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-test-password";

	private Accounts() {
	}

	public static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Signs up a member and returns a client carrying a fresh API token of it. */
	public static Http member(Http http, String username) {
		var created = http.post("/api/v1/accounts", Http
			.toJson(Map.of("username", username, "email", username + "@example.org", "password", "correct-horse-1")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return tokenFor(http, username, "correct-horse-1");
	}

	/** Signs up an account and has the admin make it a maintainer. */
	public static Http maintainer(Http http, String username) {
		Http client = member(http, username);
		var changed = admin(http).post("/api/v1/accounts/" + username + "/role",
				Http.toJson(Map.of("role", "MAINTAINER")));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		return client;
	}

	public static Http admin(Http http) {
		return tokenFor(http, ADMIN, ADMIN_PASSWORD);
	}

	public static Http tokenFor(Http http, String username, String password) {
		var token = http.basic(username, password).post("/api/v1/tokens", Http.toJson(Map.of("name", "tests")));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		return http.bearer(token.json().get("token").asString());
	}

}
