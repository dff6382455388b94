package org.tokenyield.security;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.exports.ExportService;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing of a prompt that was never approved is public: a member's pending prompt, a
 * rejected one and one retired while pending, each with a run, as an import that matched
 * the prompt's text used to leave them (and may have left them in a database that
 * predates the rule). A prompt approved, then retired, keeps its page and its runs: old
 * results stay explainable, and the figures leave it out. An approved prompt's run is the
 * control: it shows everywhere.
 */
@IntegrationTest
class UnpublishedPromptTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportService exports;

	@Autowired
	JsonMapper json;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	/** A day no other test fills, so this day's snapshot holds this test's runs. */
	final LocalDate day = LocalDate.of(1993, 6, 1).plusDays(Math.floorMod(this.tag.hashCode(), 300));

	final String model = "external/unpublished-" + this.tag;

	final String dataset = "unpublished-" + this.tag;

	Http anonymous;

	Http author;

	Http otherMember;

	Http maintainer;

	long pending;

	long rejected;

	long retiredWhilePending;

	long retiredAfterApproval;

	long approved;

	@BeforeEach
	void world() {
		this.anonymous = new Http(this.port);
		this.author = Accounts.member(this.anonymous, Accounts.uniqueName("author"));
		this.otherMember = Accounts.member(this.anonymous, Accounts.uniqueName("reader"));
		this.maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("moderator"));
		this.pending = submit("pending");
		this.rejected = submit("rejected");
		assertThat(this.maintainer
			.post("/api/v1/prompts/" + this.rejected + "/reject", Http.toJson(Map.of("reason", "unclear")))
			.status()).isEqualTo(200);
		this.retiredWhilePending = submit("retired while pending");
		assertThat(this.maintainer.post("/api/v1/prompts/" + this.retiredWhilePending + "/retire", "").status())
			.isEqualTo(200);
		this.retiredAfterApproval = approvedPrompt("RETIRED");
		this.approved = approvedPrompt("APPROVED");
		long modelId = this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, active)
				values (?, 'unpublished-test', 'external', ?, array['default'], false) returning id""")
			.params(this.model, "unpublished-" + this.tag)
			.query(Long.class)
			.single();
		for (long prompt : List.of(this.pending, this.rejected, this.retiredWhilePending, this.retiredAfterApproval,
				this.approved)) {
			run(modelId, prompt);
		}
	}

	@Test
	void runsOfAPromptNeverApprovedAreNotInTheListItsCsvTheirPagesOrBundles() {
		for (long prompt : List.of(this.pending, this.rejected, this.retiredWhilePending)) {
			long run = runOf(prompt);
			for (Http reader : List.of(this.anonymous, this.author, this.otherMember)) {
				Http.Response list = reader.get("/api/v1/runs?prompt=" + prompt);
				assertThat(list.status()).isEqualTo(200);
				assertThat(list.json().get("total").asLong()).as("runs of prompt %d", prompt).isZero();
				assertThat(reader.get("/api/v1/runs?prompt=" + prompt + "&format=csv", "text/csv").body())
					.doesNotContain(answer(prompt));
				assertThat(reader.get("/api/v1/runs/" + run).status()).as("run %d", run).isEqualTo(404);
				assertThat(reader.get("/api/v1/runs/" + run + "/bundle").status()).isEqualTo(404);
				assertThat(reader.get("/runs/" + run, "text/html").status()).isEqualTo(404);
			}
			// maintainers see them (and import them)
			assertThat(this.maintainer.get("/api/v1/runs?prompt=" + prompt).json().get("total").asLong()).isOne();
			assertThat(this.maintainer.get("/api/v1/runs/" + run + "/bundle").status()).isEqualTo(200);
			assertThat(this.maintainer.get("/runs/" + run, "text/html").body()).contains(answer(prompt));
		}
		// the list of the model's runs shows the runs of the approved prompts only
		Http.Response byModel = this.anonymous.get("/api/v1/runs?size=100&model=" + this.model);
		assertThat(byModel.json().get("items")).extracting(r -> r.get("prompt").asLong())
			.containsExactlyInAnyOrder(this.retiredAfterApproval, this.approved);
		assertThat(byModel.json().get("total").asLong()).isEqualTo(2);
		String csv = this.anonymous.get("/api/v1/runs?size=100&format=csv&model=" + this.model, "text/csv").body();
		assertThat(csv).contains(answer(this.retiredAfterApproval))
			.contains(answer(this.approved))
			.doesNotContain(answer(this.pending))
			.doesNotContain(answer(this.rejected))
			.doesNotContain(answer(this.retiredWhilePending));
		assertThat(this.maintainer.get("/api/v1/runs?size=100&model=" + this.model).json().get("total").asLong())
			.isEqualTo(5);
	}

	@Test
	void aPromptPageShowsOnlyWhatIsPublished() {
		// the author sees her pending prompt, not runs of it
		Http.Response own = this.author.get("/prompts/" + this.pending, "text/html");
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).doesNotContain(answer(this.pending));
		for (long prompt : List.of(this.pending, this.rejected, this.retiredWhilePending)) {
			assertThat(this.anonymous.get("/prompts/" + prompt, "text/html").status()).as("prompt %d", prompt)
				.isEqualTo(404);
			assertThat(this.otherMember.get("/api/v1/prompts/" + prompt).status()).isEqualTo(404);
		}
		assertThat(this.maintainer.get("/prompts/" + this.retiredWhilePending, "text/html").body())
			.contains(answer(this.retiredWhilePending));
		// approved, then retired: history kept
		Http.Response retired = this.anonymous.get("/prompts/" + this.retiredAfterApproval, "text/html");
		assertThat(retired.status()).isEqualTo(200);
		assertThat(retired.body()).contains(answer(this.retiredAfterApproval));
		assertThat(this.anonymous.get("/api/v1/runs/" + runOf(this.retiredAfterApproval) + "/bundle").status())
			.isEqualTo(200);
	}

	/**
	 * Exports and figures (hence the alerts, feeds and webhooks made from them) count
	 * approved prompts only; a retired prompt has left the benchmark.
	 */
	@Test
	void exportsAndFiguresCountTheApprovedPromptOnly() {
		Map<String, byte[]> files = this.exports.build(this.day);
		List<String> exported = new String(files.get("runs.jsonl"), StandardCharsets.UTF_8).lines()
			.filter(line -> line.contains(this.model))
			.toList();
		assertThat(exported).singleElement().asString().startsWith("{\"id\":" + runOf(this.approved) + ",");
		assertThat(new String(files.get("runs.csv"), StandardCharsets.UTF_8).lines()
			.filter(line -> line.contains(this.model))).singleElement()
			.asString()
			.startsWith(runOf(this.approved) + ",");
		JsonNode figure = null;
		for (JsonNode f : this.json.readTree(files.get("figures.json"))) {
			if (f.get("model").asString().equals(this.model)) {
				figure = f;
			}
		}
		assertThat(figure).isNotNull();
		assertThat(figure.get("prompts").asInt()).isOne();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode rows = this.anonymous.get("/api/v1/leaderboard?dataset=" + this.dataset).json().get("rows");
			assertThat(rows).singleElement().satisfies(row -> assertThat(row.get("prompts").asInt()).isOne());
		});
	}

	private long submit(String title) {
		Http.Response submitted = this.author.post("/api/v1/prompts",
				Http.toJson(Map.of("title", title + " " + this.tag, "text", "What is 6 x 7? " + title + " " + this.tag,
						"category", "math", "grader", Map.of("type", "exact", "expected", "42"))));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		return submitted.json().get("id").asLong();
	}

	private long approvedPrompt(String status) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, 'math', '{"type":"exact","expected":"42"}', ?, now(), 'test') returning id""")
			.params(status + " " + this.tag, "What is 40 + 2? " + status + " " + this.tag,
					UUID.randomUUID().toString().replace("-", ""), status)
			.query(Long.class)
			.single();
	}

	private void run(long model, long prompt) {
		Instant noon = this.day.atStartOfDay(ZoneOffset.UTC).plusSeconds(12 * 3600).toInstant();
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, answer, extracted_answer, score, finish_reason, finished_at)
				values (?, ?, ?, 'default', 0, 'SUCCEEDED', ?, 10, 20, ?, '42', 1.0, 'stop', ?)""")
			.params("unpublished-" + this.tag + "-" + prompt, prompt, model, this.dataset, answer(prompt),
					Timestamp.from(noon))
			.update();
	}

	private long runOf(long prompt) {
		return this.jdbc.sql("select id from runs where prompt_id = ? and dataset = ?")
			.params(prompt, this.dataset)
			.query(Long.class)
			.single();
	}

	private String answer(long prompt) {
		return "answer-of-" + prompt + "-" + this.tag;
	}

}
