package org.tokenyield.security;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up spam and email enumeration, report flooding that hid the audit trail, and a
 * duplicate check that named someone else's unpublished prompt.
 */
@IntegrationTest
class AbuseLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http anonymous;

	@BeforeEach
	void setUp() {
		this.anonymous = new Http(this.port);
	}

	private Http.Response signUp(String username, String email) {
		return this.anonymous.post("/api/v1/accounts",
				Http.toJson(Map.of("username", username, "email", email, "password", "correct-horse-1")));
	}

	@Test
	void signUpIsLimitedPerClient() {
		String first = Accounts.uniqueName("spam");
		assertThat(signUp(first, first + "@example.org").status()).isEqualTo(201);
		String client = this.jdbc
			.sql("select client from client_actions where action = 'SIGN_UP' order by id desc limit 1")
			.query(String.class)
			.single();
		// the test configuration allows 2000 an hour; fill the rest of this client's hour
		long used = this.jdbc.sql(
				"select count(*) from client_actions where action = 'SIGN_UP' and client = ? and at > now() - interval '1 hour'")
			.param(client)
			.query(Long.class)
			.single();
		this.jdbc.sql(
				"insert into client_actions (action, client, at) select 'SIGN_UP', ?, now() - interval '1 minute' from generate_series(1, ?)")
			.params(client, 2000 - used)
			.update();
		try {
			String next = Accounts.uniqueName("spam");
			var refused = signUp(next, next + "@example.org");
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.json().get("detail").asString()).contains("sign-ups");
			assertThat(this.jdbc.sql("select count(*) from accounts where username = ?")
				.param(next)
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			this.jdbc.sql("delete from client_actions where action = 'SIGN_UP' and at < now() - interval '30 seconds'")
				.update();
		}
	}

	@Test
	void aTakenEmailGetsTheSameAnswerAsATakenUsername() {
		String owner = Accounts.uniqueName("owner");
		assertThat(signUp(owner, owner + "@example.org").status()).isEqualTo(201);
		var takenEmail = signUp(Accounts.uniqueName("other"), owner + "@example.org");
		var takenName = signUp(owner, Accounts.uniqueName("x") + "@example.org");
		assertThat(takenEmail.status()).isEqualTo(409);
		assertThat(takenName.status()).isEqualTo(409);
		assertThat(takenEmail.json().get("detail")).isEqualTo(takenName.json().get("detail"));
		assertThat(takenEmail.body()).doesNotContain("already registered");
	}

	private long submit(Http author, String text) {
		var submitted = author.post("/api/v1/prompts", Http.toJson(Map.of("title", "t", "text", text, "category",
				"factual", "grader", Map.of("type", "exact", "expected", "x"))));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		return submitted.json().get("id").asLong();
	}

	@Test
	void oneOpenReportPerMemberAndPromptAndTheAuditLogFilters() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("reporter"));
		Http maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("mod"));
		long id = submit(member, "Report me " + System.nanoTime());
		assertThat(maintainer.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(200);
		String reason = Http.toJson(Map.of("reason", "unclear"));
		assertThat(member.post("/api/v1/prompts/" + id + "/report", reason).status()).isEqualTo(201);
		for (int i = 0; i < 5; i++) {
			assertThat(member.post("/api/v1/prompts/" + id + "/report", reason).status()).isEqualTo(409);
		}
		assertThat(this.jdbc.sql("select count(*) from prompt_reports where prompt_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
		// the approval stays findable however many reports follow
		String approvals = maintainer.get("/audit?action=APPROVED&prompt=" + id, "text/html").body();
		assertThat(approvals).contains("<span class=\"badge\">APPROVED</span>")
			.doesNotContain("<span class=\"badge\">REPORTED</span>");
	}

	@Test
	void reportsAreRateLimitedPerMember() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("flooder"));
		Http maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("mod"));
		int status = 0;
		for (int i = 0; i < 21 && status != 429; i++) {
			long id = submit(maintainer, "Flood target " + i + " " + System.nanoTime());
			maintainer.post("/api/v1/prompts/" + id + "/approve", "");
			status = member.post("/api/v1/prompts/" + id + "/report", Http.toJson(Map.of("reason", "flood"))).status();
		}
		assertThat(status).isEqualTo(429);
	}

	@Test
	void theDuplicateCheckDoesNotNameSomeoneElsesUnpublishedPrompt() {
		Http alice = Accounts.member(this.anonymous, Accounts.uniqueName("alice"));
		Http bob = Accounts.member(this.anonymous, Accounts.uniqueName("bob"));
		String text = "A secret draft " + System.nanoTime();
		long id = submit(alice, text);
		var duplicate = bob.post("/api/v1/prompts", Http.toJson(Map.of("title", "t", "text", text, "category",
				"factual", "grader", Map.of("type", "exact", "expected", "x"))));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.body()).doesNotContain("#" + id);
		var own = alice.post("/api/v1/prompts", Http.toJson(Map.of("title", "t", "text", text, "category", "factual",
				"grader", Map.of("type", "exact", "expected", "x"))));
		assertThat(own.body()).contains("#" + id);
	}

}
