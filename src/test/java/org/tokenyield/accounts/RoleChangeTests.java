package org.tokenyield.accounts;

import java.util.List;
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
 * Rights follow the account at once, the last admin stays, changes are audited.
 */
@IntegrationTest
class RoleChangeTests {

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

	private String account(String prefix, String role) {
		String name = Accounts.uniqueName(prefix);
		Accounts.member(this.anonymous, name);
		if (!"MEMBER".equals(role)) {
			setRole(this.admin, name, role, 200);
		}
		return name;
	}

	private static void setRole(Http by, String name, String role, int expected) {
		var changed = by.post("/api/v1/accounts/" + name + "/role", Http.toJson(Map.of("role", role)));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(expected);
	}

	private long id(String name) {
		return this.jdbc.sql("select id from accounts where username = ?").param(name).query(Long.class).single();
	}

	private String role(String name) {
		return this.jdbc.sql("select role from accounts where username = ?").param(name).query(String.class).single();
	}

	@Test
	void aDemotedAdminLosesAdminRightsInHerOpenSession() {
		String ada = account("ada", "ADMIN");
		String other = account("other", "MEMBER");
		BrowserSession browser = new BrowserSession(this.port);
		assertThat(browser.signIn(ada, PASSWORD).status()).isEqualTo(302);
		assertThat(browser.get("/admin/accounts").status()).isEqualTo(200);

		setRole(this.admin, ada, "MEMBER", 200);

		assertThat(browser.get("/admin/accounts").status()).isEqualTo(403);
		assertThat(browser.get("/account").status()).as("still signed in as a member").isEqualTo(200);
		var promote = browser.post("/admin/accounts/" + id(ada) + "/role", Map.of("role", "ADMIN"));
		assertThat(promote.status()).isEqualTo(403);
		var demoteOther = browser.post("/admin/accounts/" + id(other) + "/role", Map.of("role", "ADMIN"));
		assertThat(demoteOther.status()).isEqualTo(403);
		assertThat(role(ada)).isEqualTo("MEMBER");
		assertThat(role(other)).isEqualTo("MEMBER");
	}

	@Test
	void aDemotedMaintainerCanNoLongerRejectThroughHerSession() {
		Http author = Accounts.member(this.anonymous, Accounts.uniqueName("author"));
		long prompt = author
			.post("/api/v1/prompts",
					Http.toJson(Map.of("title", "t", "text", "Pending question " + System.nanoTime(), "category",
							"factual", "grader", Map.of("type", "exact", "expected", "x"))))
			.json()
			.get("id")
			.asLong();
		String mia = account("mia", "MAINTAINER");
		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn(mia, PASSWORD);
		assertThat(browser.get("/moderation").status()).isEqualTo(200);

		setRole(this.admin, mia, "MEMBER", 200);

		assertThat(browser.post("/moderation/" + prompt + "/reject", Map.of("reason", "spite")).status())
			.isEqualTo(403);
		assertThat(this.jdbc.sql("select status from prompts where id = ?").param(prompt).query(String.class).single())
			.isEqualTo("PENDING");
	}

	@Test
	void aPromotedMemberGetsTheNewRoleWithoutSigningInAgain() {
		String max = account("max", "MEMBER");
		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn(max, PASSWORD);
		assertThat(browser.get("/moderation").status()).isEqualTo(403);
		setRole(this.admin, max, "MAINTAINER", 200);
		assertThat(browser.get("/moderation").status()).isEqualTo(200);
	}

	@Test
	void theLastAdminCanBeNeitherDemotedNorDisabled() {
		String last = account("last", "ADMIN");
		Http lastAdmin = Accounts.tokenFor(this.anonymous, last, PASSWORD);
		List<String> others = this.jdbc
			.sql("select username from accounts where role = 'ADMIN' and enabled and username <> ? order by id")
			.param(last)
			.query(String.class)
			.list();
		try {
			others.forEach(name -> setRole(lastAdmin, name, "MEMBER", 200));

			var demoted = lastAdmin.post("/api/v1/accounts/" + last + "/role", Http.toJson(Map.of("role", "MEMBER")));
			assertThat(demoted.status()).isEqualTo(409);
			assertThat(demoted.json().get("detail").asString()).contains("last admin");
			var disabled = lastAdmin.post("/api/v1/accounts/" + last + "/enabled",
					Http.toJson(Map.of("enabled", false)));
			assertThat(disabled.status()).isEqualTo(409);
			assertThat(role(last)).isEqualTo("ADMIN");
		}
		finally {
			others.forEach(name -> setRole(lastAdmin, name, "ADMIN", 200));
		}
		setRole(this.admin, last, "MEMBER", 200);
	}

	@Test
	void everyRoleChangeIsAuditedWithItsActor() {
		String eve = account("eve", "MAINTAINER");
		setRole(this.admin, eve, "MEMBER", 200);
		var entries = this.jdbc.sql("""
				select a.username, l.detail from audit_log l join accounts a on a.id = l.actor_id
				 where l.action = 'ROLE_CHANGED' and l.detail like ? order by l.id""")
			.param("account " + eve + " %")
			.query((rs, i) -> rs.getString(1) + ": " + rs.getString(2))
			.list();
		assertThat(entries).containsExactly("admin: account " + eve + " (#" + id(eve) + "): MEMBER → MAINTAINER",
				"admin: account " + eve + " (#" + id(eve) + "): MAINTAINER → MEMBER");
		BrowserSession maintainerView = new BrowserSession(this.port);
		maintainerView.signIn(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
		assertThat(maintainerView.get("/audit?action=ROLE_CHANGED").body()).contains("account " + eve);
	}

}
