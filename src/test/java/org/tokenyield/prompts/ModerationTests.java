package org.tokenyield.prompts;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * Moderation beyond approve/reject: corrections that regrade, reports, the audit trail.
 */
@IntegrationTest
class ModerationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	String author;

	Http member;

	Http maintainer;

	@BeforeEach
	void setUp() {
		Http http = new Http(this.port);
		this.author = Accounts.uniqueName("author");
		this.member = Accounts.member(http, this.author);
		this.maintainer = Accounts.maintainer(http, Accounts.uniqueName("moderator"));
	}

	private long approvedPrompt(String text, Map<String, Object> grader) {
		var submitted = this.member.post("/api/v1/prompts",
				Http.toJson(Map.of("title", "Moderated", "text", text, "category", "math", "grader", grader)));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		long id = submitted.json().get("id").asLong();
		assertThat(this.maintainer.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(200);
		return id;
	}

	private long graded(long promptId, double score) {
		return this.jdbc.sql("select count(*) from runs where prompt_id = ? and score = ?")
			.params(promptId, score)
			.query(Long.class)
			.single();
	}

	@Test
	void changingTheGradingRuleRegradesStoredAnswersWithoutCallingAgain() {
		long id = approvedPrompt("What is 6 * 7? " + System.nanoTime() + "\nAnswer: <number>",
				Map.of("type", "numeric", "expected", "42"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from runs where prompt_id = ? and status <> 'SUCCEEDED'")
				.param(id)
				.query(Long.class)
				.single() == 0);
		long right = graded(id, 1.0);
		long wrong = graded(id, 0.0);
		assertThat(right).isPositive();
		long attempts = this.jdbc
			.sql("select count(*) from run_attempts a join runs r on r.id = a.run_id where r.prompt_id = ?")
			.param(id)
			.query(Long.class)
			.single();

		// a maintainer decides the expected answer was 43: every stored answer is graded
		// again
		var edited = this.maintainer.post("/api/v1/prompts/" + id + "/edit",
				Http.toJson(Map.of("difficulty", "easy", "grader", Map.of("type", "numeric", "expected", "43"))));
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(edited.json().get("difficulty").asString()).isEqualTo("easy");
		assertThat(graded(id, 1.0)).as("answers of 42 are now wrong").isLessThan(right);
		assertThat(graded(id, 0.0)).isGreaterThan(wrong);
		assertThat(this.jdbc
			.sql("select count(*) from run_attempts a join runs r on r.id = a.run_id where r.prompt_id = ?")
			.param(id)
			.query(Long.class)
			.single()).as("no model was called again").isEqualTo(attempts);

		String audit = this.jdbc.sql(
				"select string_agg(action || ':' || coalesce(detail, ''), '|' order by id) from audit_log where prompt_id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(audit).contains("SUBMITTED", "APPROVED", "EDITED_BY_MAINTAINER:", "difficulty null → easy", "43");
	}

	@Test
	void regradingKeepsWorkingWhenAnAnswerIsLongerThanTheStoredExtract() {
		long id = approvedPrompt("Write a long essay. " + System.nanoTime(),
				Map.of("type", "exact", "expected", "essay"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from runs where prompt_id = ? and status <> 'SUCCEEDED'")
				.param(id)
				.query(Long.class)
				.single() == 0);
		// an answer with no answer line: the whole text is the extract, far past the
		// 2000-character column
		this.jdbc.sql("update runs set answer = ? where prompt_id = ? and answer is not null")
			.params("word ".repeat(1000), id)
			.update();
		var edited = this.maintainer.post("/api/v1/prompts/" + id + "/edit",
				Http.toJson(Map.of("grader", Map.of("type", "contains", "any", java.util.List.of("word")))));
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(this.jdbc.sql("select min(score) from runs where prompt_id = ? and answer is not null")
			.param(id)
			.query(Double.class)
			.single()).isEqualTo(1.0);
		assertThat(this.jdbc.sql("select max(length(extracted_answer)) from runs where prompt_id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(2000);
	}

	@Test
	void membersReportPromptsAndMaintainersSeeAndCloseTheReports() {
		long id = approvedPrompt("What is 2 ** 10? " + System.nanoTime(),
				Map.of("type", "numeric", "expected", "1024"));
		String reason = "The answer depends on the language " + System.nanoTime();
		assertThat(
				this.member.post("/api/v1/prompts/" + id + "/report", Http.toJson(Map.of("reason", reason))).status())
			.isEqualTo(201);
		assertThat(this.member.post("/api/v1/prompts/" + id + "/report", Http.toJson(Map.of("reason", ""))).status())
			.isEqualTo(400);

		var queue = this.maintainer.get("/moderation", "text/html");
		assertThat(queue.status()).isEqualTo(200);
		assertThat(queue.body()).contains(reason);
		assertThat(this.maintainer.get("/audit", "text/html").body()).contains("REPORTED", reason);
	}

	@Test
	void aRejectionNeedsAReasonAndARetiredPromptLeavesTheBenchmark() {
		var submitted = this.member.post("/api/v1/prompts",
				Http.toJson(Map.of("title", "To reject", "text", "Unclear question " + System.nanoTime(), "category",
						"reasoning", "grader", Map.of("type", "exact", "expected", "x"))));
		long pending = submitted.json().get("id").asLong();
		var noReason = this.maintainer.post("/api/v1/prompts/" + pending + "/reject",
				Http.toJson(Map.of("reason", " ")));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(this.jdbc.sql("select status from prompts where id = ?").param(pending).query(String.class).single())
			.isEqualTo("PENDING");
		// the queue names each prompt's author
		assertThat(this.maintainer.get("/moderation", "text/html").body())
			.contains("#" + pending + " by " + this.author);

		long approved = approvedPrompt("What is 3 + 4? " + System.nanoTime(),
				Map.of("type", "numeric", "expected", "7"));
		var retired = this.maintainer.post("/api/v1/prompts/" + approved + "/retire", "");
		assertThat(retired.json().get("status").asString()).isEqualTo("RETIRED");
		// retired prompts stay readable (old results stay explainable) but are not
		// approved any more
		assertThat(new Http(this.port).get("/api/v1/prompts/" + approved).status()).isEqualTo(200);
		assertThat(this.maintainer.post("/api/v1/prompts/" + approved + "/approve", "").status()).isEqualTo(409);
	}

}
