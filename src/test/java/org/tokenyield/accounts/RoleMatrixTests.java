package org.tokenyield.accounts;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what: 401 for anonymous writes, 403 for the wrong role, on the API and on
 * pages.
 */
@IntegrationTest
class RoleMatrixTests {

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	Http anonymous;

	@BeforeEach
	void setUp() {
		this.anonymous = new Http(this.port);
	}

	static String prompt(String text) {
		return Http.toJson(Map.of("title", "t", "text", text, "category", "factual", "grader",
				Map.of("type", "exact", "expected", "Paris")));
	}

	static final String MODEL = Http.toJson(Map.of("key", "external/role-test-" + System.nanoTime(), "family",
			"role-test", "provider", "external", "settings", java.util.List.of("default")));

	@Test
	void anonymousReadsButCannotWrite() {
		assertThat(this.anonymous.get("/api/v1/leaderboard").status()).isEqualTo(200);
		assertThat(this.anonymous.get("/api/v1/models").status()).isEqualTo(200);
		var write = this.anonymous.post("/api/v1/prompts", prompt("Capital of France? " + System.nanoTime()));
		assertThat(write.status()).isEqualTo(401);
		assertThat(write.contentType()).startsWith("application/problem+json");
		assertThat(write.json().get("detail").asString()).contains("Sign in");
		assertThat(this.anonymous.post("/api/v1/models", MODEL).status()).isEqualTo(401);
		assertThat(this.anonymous.post("/api/v1/imports?dataset=x", "application/x-ndjson", "{}").status())
			.isEqualTo(401);
		assertThat(this.anonymous.get("/api/v1/prompts?status=PENDING").status()).isEqualTo(401);
	}

	@Test
	void aWrongTokenIsRejected() {
		var response = this.anonymous.bearer("ty_not-a-real-token").get("/api/v1/leaderboard");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void membersSubmitButDoNotModerate() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("member"));
		var submitted = member.post("/api/v1/prompts", prompt("Capital of France, member? " + System.nanoTime()));
		assertThat(submitted.status()).isEqualTo(201);
		long id = submitted.json().get("id").asLong();
		assertThat(member.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(403);
		assertThat(member.post("/api/v1/prompts/" + id + "/reject", Http.toJson(Map.of("reason", "no"))).status())
			.isEqualTo(403);
		assertThat(member.get("/api/v1/prompts?status=PENDING").status()).isEqualTo(403);
		assertThat(member.post("/api/v1/models", MODEL).status()).isEqualTo(403);
		assertThat(member.post("/api/v1/plans", Http.toJson(Map.of("models", java.util.List.of("tokenizer/r50k_base"))))
			.status()).isEqualTo(403);
		assertThat(member.post("/api/v1/accounts/admin/role", Http.toJson(Map.of("role", "MEMBER"))).status())
			.isEqualTo(403);
	}

	@Test
	void maintainersModerateButDoNotRunTheCatalog() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("author"));
		long id = member.post("/api/v1/prompts", prompt("Capital of France, moderated? " + System.nanoTime()))
			.json()
			.get("id")
			.asLong();
		Http maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("maint"));
		assertThat(maintainer.get("/api/v1/prompts?status=PENDING").status()).isEqualTo(200);
		var rejected = maintainer.post("/api/v1/prompts/" + id + "/reject", Http.toJson(Map.of("reason", "too vague")));
		assertThat(rejected.status()).isEqualTo(200);
		assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
		// a rejected prompt cannot be approved afterwards: the transition is guarded
		assertThat(maintainer.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(409);
		assertThat(maintainer.post("/api/v1/models", MODEL).status()).isEqualTo(403);
		// plans spend money and are an admin action, on the API as on the pages
		assertThat(maintainer
			.post("/api/v1/plans", Http.toJson(Map.of("models", java.util.List.of("tokenizer/r50k_base"))))
			.status()).isEqualTo(403);
		assertThat(maintainer
			.post("/api/v1/plans?dry_run=true", Http.toJson(Map.of("models", java.util.List.of("tokenizer/r50k_base"))))
			.status()).isEqualTo(403);
	}

	@Test
	void aLargePlanNeedsAnExplicitConfirmation() {
		// 4 versions × 64 samples × 25 prompts = 6,400 runs: above the 5,000-run
		// threshold
		java.util.List<Long> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 25; i++) {
			ids.add(this.jdbc.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					values ('big', ?, md5(?), 'factual', '{"type":"exact","expected":"x"}', 'APPROVED', now(), 'test')
					returning id""")
				.params("Big plan " + i + " " + System.nanoTime(), "big-" + i + "-" + System.nanoTime())
				.query(Long.class)
				.single());
		}
		try {
			var big = Accounts.admin(this.anonymous)
				.post("/api/v1/plans",
						Http.toJson(Map.of(
								"models", java.util.List.of("tokenizer/r50k_base", "tokenizer/p50k_base",
										"tokenizer/cl100k_base", "tokenizer/o200k_base"),
								"prompts", ids, "samples", 64)));
			assertThat(big.status()).as(big.toString()).isEqualTo(400);
			assertThat(big.json().get("errors").toString()).contains("confirm");
		}
		finally {
			this.jdbc.sql("update prompts set status = 'RETIRED' where id = any(?)")
				.param(ids.toArray(Long[]::new))
				.update();
		}
	}

	@Test
	void adminsRunTheCatalog() {
		var created = Accounts.admin(this.anonymous).post("/api/v1/models", MODEL);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("provider").asString()).isEqualTo("external");
	}

	@Test
	void pagesRedirectAnonymousReadersToSignInAndRefuseTheWrongRole() {
		var moderation = this.anonymous.get("/moderation", "text/html");
		assertThat(moderation.status()).isEqualTo(302);
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("pages"));
		assertThat(member.get("/moderation", "text/html").status()).isEqualTo(403);
		assertThat(member.get("/admin/accounts", "text/html").status()).isEqualTo(403);
		assertThat(member.get("/me/prompts", "text/html").status()).isEqualTo(200);
		assertThat(Accounts.admin(this.anonymous).get("/admin/accounts", "text/html").status()).isEqualTo(200);
	}

}
