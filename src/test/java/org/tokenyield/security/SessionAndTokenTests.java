package org.tokenyield.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.BrowserSession;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins disable accounts and end their sessions and tokens; tokens expire and cannot
 * mint tokens; only a valid bearer token exempts a request from CSRF; redirects never
 * take the Host header.
 */
@IntegrationTest
class SessionAndTokenTests {

	static final String PASSWORD = "correct-horse-1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http anonymous;

	Http admin;

	@BeforeEach
	void setUp() {
		this.anonymous = new Http(this.port);
		this.admin = Accounts.admin(this.anonymous);
	}

	@Test
	void aDisabledAccountLosesItsSessionAndTokens() {
		String name = Accounts.uniqueName("disabled");
		Http token = Accounts.member(this.anonymous, name);
		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn(name, PASSWORD);
		assertThat(browser.get("/account").status()).isEqualTo(200);

		var disabled = this.admin.post("/api/v1/accounts/" + name + "/enabled", Http.toJson(Map.of("enabled", false)));
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

		assertThat(browser.get("/account").status()).as("the session ended: sign in again").isEqualTo(302);
		assertThat(token.get("/api/v1/leaderboard").status()).isEqualTo(401);
		assertThat(new BrowserSession(this.port).signIn(name, PASSWORD).location()).contains("/login?error");
		assertThat(this.jdbc.sql("select count(*) from audit_log where action = 'ACCOUNT_DISABLED' and detail like ?")
			.param("account " + name + " %")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void revokingAccessEndsSessionsAndDeletesTokens() {
		String name = Accounts.uniqueName("revoked");
		Http token = Accounts.member(this.anonymous, name);
		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn(name, PASSWORD);
		assertThat(browser.get("/account").status()).isEqualTo(200);
		var revoked = this.admin.post("/api/v1/accounts/" + name + "/revoke", "");
		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(revoked.json().get("tokens_revoked").asInt()).isEqualTo(1);
		assertThat(browser.get("/account").status()).isEqualTo(302);
		assertThat(token.get("/api/v1/leaderboard").status()).isEqualTo(401);
		BrowserSession again = new BrowserSession(this.port);
		again.signIn(name, PASSWORD);
		assertThat(again.get("/account").status()).as("a new sign-in works").isEqualTo(200);
	}

	@Test
	void tokensExpireAndCannotMintTokens() {
		String name = Accounts.uniqueName("minter");
		Http token = Accounts.member(this.anonymous, name);
		var minted = token.post("/api/v1/tokens", Http.toJson(Map.of("name", "child")));
		assertThat(minted.status()).isEqualTo(403);
		var issued = this.anonymous.basic(name, PASSWORD).post("/api/v1/tokens", Http.toJson(Map.of("name", "dated")));
		assertThat(issued.json().get("expires_at").asString()).isNotBlank();
		Http dated = this.anonymous.bearer(issued.json().get("token").asString());
		assertThat(dated.get("/api/v1/leaderboard").status()).isEqualTo(200);
		this.jdbc.sql("update api_tokens set expires_at = now() - interval '1 second' where id = ?")
			.param(issued.json().get("id").asLong())
			.update();
		assertThat(dated.get("/api/v1/leaderboard").status()).isEqualTo(401);
		assertThat(this.jdbc.sql(
				"select count(*) from audit_log l join accounts a on a.id = l.actor_id where a.username = ? and l.action = 'TOKEN_CREATED'")
			.param(name)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aTokenCannotMintATokenThroughTheAccountPageNorSignASessionIn() {
		String name = Accounts.uniqueName("pageminter");
		Http token = Accounts.member(this.anonymous, name);
		String bearer = token.authorization();
		BrowserSession browser = new BrowserSession(this.port);
		var minted = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/account/tokens"))
			.header("Authorization", bearer)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString("name=child")));
		assertThat(minted.status()).as("a token refused like on the API").isEqualTo(403);
		assertThat(minted.body()).doesNotContain("ty_");
		assertThat(tokensNamed(name, "child")).isZero();

		// whatever cookie a bearer request leaves behind signs nothing in
		var page = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/account"))
			.header("Authorization", bearer)
			.header("Accept", "text/html")
			.GET());
		assertThat(page.status()).isEqualTo(200);
		assertThat(browser.get("/account").status()).as("the cookie alone").isEqualTo(302);
	}

	private long tokensNamed(String username, String tokenName) {
		return this.jdbc.sql(
				"select count(*) from api_tokens t join accounts a on a.id = t.account_id where a.username = ? and t.name = ?")
			.params(username, tokenName)
			.query(Long.class)
			.single();
	}

	@Test
	void revokingEndsASessionThatMadeNoRequestSinceItsSignIn() {
		String name = Accounts.uniqueName("idle");
		Accounts.member(this.anonymous, name);
		BrowserSession browser = new BrowserSession(this.port);
		assertThat(browser.signIn(name, PASSWORD).location()).doesNotContain("error");
		var revoked = this.admin.post("/api/v1/accounts/" + name + "/revoke", "");
		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(browser.get("/account").status()).as("the session ended: sign in again").isEqualTo(302);
	}

	@Test
	void anUnknownAuthorizationSchemeDoesNotSwitchCsrfOff() {
		String name = Accounts.uniqueName("csrf");
		Accounts.member(this.anonymous, name);
		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn(name, PASSWORD);
		var forged = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/account/tokens"))
			.header("Authorization", "Foo bar")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("name=forged")));
		assertThat(forged.status()).isEqualTo(403);
		var forgedApi = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/tokens"))
			.header("Authorization", "Bearer ty_not-a-token")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"forged\"}")));
		assertThat(forgedApi.status()).isIn(401, 403);
		assertThat(this.jdbc.sql(
				"select count(*) from api_tokens t join accounts a on a.id = t.account_id where a.username = ? and t.name = 'forged'")
			.param(name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theSignInRedirectIgnoresTheHostHeader() throws Exception {
		// java.net.http refuses to set Host; a raw socket sends what an attacker would
		try (var socket = new java.net.Socket("localhost", this.port)) {
			socket.getOutputStream()
				.write("GET /moderation HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String head = new String(socket.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(head).startsWith("HTTP/1.1 302");
			String location = head.lines()
				.filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
				.findFirst()
				.orElseThrow();
			assertThat(location).doesNotContain("evil.example").contains("/login");
		}
	}

}
