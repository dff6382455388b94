package org.tokenyield.journey;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path of a prompt: sign up → submit → approve → runs succeed → graded →
 * leaderboard row, through the public API, checked again in PostgreSQL.
 */
@IntegrationTest
class SubmitToLeaderboardTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void approvedPromptRunsOnEveryActiveVersionAndReachesTheLeaderboard() {
		Http member = Accounts.member(this.http, Accounts.uniqueName("journey"));
		String question = "What is 17 * 23 + " + UUID.randomUUID().hashCode() % 1000 + "? End with 'Answer: <number>'.";
		var submitted = member.post("/api/v1/prompts", Http.toJson(Map.of("title", "Arithmetic", "text", question,
				"category", "math", "grader", Map.of("type", "numeric", "expected", "391", "tolerance", 0.5))));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		assertThat(submitted.json().get("status").asString()).isEqualTo("PENDING");
		long id = submitted.json().get("id").asLong();

		// pending: the author sees it, the public does not
		assertThat(member.get("/api/v1/prompts/" + id).status()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/prompts/" + id).status()).isEqualTo(404);

		Http maintainer = Accounts.maintainer(this.http, Accounts.uniqueName("mod"));
		var approved = maintainer.post("/api/v1/prompts/" + id + "/approve", "");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
		assertThat(this.http.get("/api/v1/prompts/" + id).status()).isEqualTo(200);

		// every active version × its settings × its samples: 4 OpenAI encodings and 3
		// open vocabularies
		// of other families × 1, simulator 4+4+5+4 settings × 3
		int expectedRuns = 4 + 3 + (4 + 4 + 5 + 4) * 3;
		assertThat(this.jdbc.sql("select count(*) from runs where prompt_id = ?").param(id).query(Long.class).single())
			.isEqualTo(expectedRuns);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode runs = this.http.get("/api/v1/runs?prompt=" + id + "&size=500").json();
			assertThat(runs.get("total").asInt()).isEqualTo(expectedRuns);
			for (JsonNode run : runs.get("items")) {
				assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
			}
		});

		// tokenizers count input only; simulated versions answer, are graded and labelled
		List<Map<String, Object>> rows = this.jdbc.sql("""
				select m.provider, r.input_tokens, r.output_tokens, r.reasoning_tokens, r.score, r.simulated, r.cost_usd
				  from runs r join model_versions m on m.id = r.model_id where r.prompt_id = ?""")
			.param(id)
			.query()
			.listOfRows();
		for (Map<String, Object> row : rows) {
			assertThat((Long) row.get("input_tokens")).isPositive();
			if ("tokenizer".equals(row.get("provider"))) {
				assertThat(row.get("output_tokens")).isNull();
				assertThat(row.get("score")).isNull();
				assertThat(row.get("simulated")).isEqualTo(false);
			}
			else {
				assertThat((Long) row.get("output_tokens")).isGreaterThanOrEqualTo((Long) row.get("reasoning_tokens"));
				assertThat((Double) row.get("score")).isIn(0.0, 1.0);
				assertThat(row.get("simulated")).isEqualTo(true);
				assertThat(row.get("cost_usd")).isNotNull();
			}
		}
		// the simulator plays a model: some answers right, graded by the numeric rule
		assertThat(rows.stream().filter(r -> Double.valueOf(1.0).equals(r.get("score"))).count()).isPositive();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode board = this.http.get("/api/v1/leaderboard?category=math").json();
			JsonNode alpha2 = row(board, "simulator/sim-alpha-2");
			assertThat(alpha2).as(board.toString()).isNotNull();
			assertThat(alpha2.get("simulated").asBoolean()).isTrue();
			assertThat(alpha2.get("prompts").asInt()).isPositive();
			assertThat(alpha2.get("accuracy").get("value").isNumber()).isTrue();
			assertThat(alpha2.get("drift").get("predecessor").asString()).isEqualTo("simulator/sim-alpha-1");
			JsonNode o200k = row(board, "tokenizer/o200k_base");
			assertThat(o200k).as(board.toString()).isNotNull();
			assertThat(o200k.get("accuracy").get("value").isNull()).isTrue();
			assertThat(o200k.get("tokens").get("input").asDouble()).isPositive();
			assertThat(o200k.get("drift").get("predecessor").asString()).isEqualTo("tokenizer/cl100k_base");
		});

		// the home page shows the rows, labelled
		var home = this.http.get("/?category=math", "text/html");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("simulator/sim-alpha-2", "simulated", "tokenizer/o200k_base");
	}

	private static JsonNode row(JsonNode board, String model) {
		for (JsonNode row : board.get("rows")) {
			if (model.equals(row.get("model").asString())) {
				return row;
			}
		}
		return null;
	}

}
