package org.tokenyield.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Harnesses' logs imported as they are, over HTTP into the database: the figures after
 * the import are compared with values worked out by hand from the fixture files
 * ({@code src/test/resources/imports}, hand-written in the shapes the harnesses document:
 * its README.md).
 */
@IntegrationTest
class HarnessImportTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportService exports;

	@Autowired
	JsonMapper json;

	Http maintainer;

	String tag;

	@BeforeEach
	void setUp() {
		this.maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("harness"));
		this.tag = UUID.randomUUID().toString().substring(0, 8);
	}

	static byte[] fixture(String path) {
		try (InputStream in = HarnessImportTests.class.getResourceAsStream("/imports/" + path)) {
			assertThat(in).as(path).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An Inspect {@code .eval} zip of a fixture directory's files, built here so that no
	 * binary is stored: entries named by their paths under the directory.
	 */
	static byte[] evalArchive(String path) throws Exception {
		Path root = Path.of(HarnessImportTests.class.getResource("/imports/" + path).toURI());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				zip.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
				zip.write(Files.readAllBytes(file));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private Http.Response post(String query, String contentType, byte[] body) {
		return this.maintainer.post("/api/v1/imports?" + query, contentType, body);
	}

	/** The leaderboard's row of a version in a dataset and setting, once it is there. */
	private JsonNode row(String dataset, String setting, String model) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode board = new Http(this.port).get("/api/v1/leaderboard?setting=" + setting + "&dataset=" + dataset)
				.json();
			found[0] = null;
			for (JsonNode row : board.get("rows")) {
				if (model.equals(row.get("model").asString())) {
					found[0] = row;
				}
			}
			assertThat(found[0]).as(board.toString()).isNotNull();
		});
		return found[0];
	}

	private List<Map<String, Object>> runs(String dataset) {
		return this.jdbc.sql("""
				select r.sample, r.status, r.input_tokens, r.cached_input_tokens, r.output_tokens, r.reasoning_tokens,
				       r.score, r.latency_ms, r.judge_input_tokens, r.judge_output_tokens, r.error, r.provider_model,
				       r.setting, p.text
				  from runs r join prompts p on p.id = r.prompt_id
				 where r.dataset = ? order by p.text, r.sample""").param(dataset).query().listOfRows();
	}

	@Test
	void anInspectLogWithEffortEpochsAnErrorAndAGraderIsImportedAsItsSamplesSay() throws Exception {
		byte[] file = fixture("inspect/reasoning-epochs.json");
		String dataset = "inspect-" + this.tag;
		var first = post("dataset=" + dataset, "application/json", file);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode result = first.json();
		assertThat(result.get("format").asString()).isEqualTo("inspect-json");
		assertThat(result.get("harness").asString()).isEqualTo("inspect_ai");
		assertThat(result.get("harness_version").asString()).isEqualTo("0.3.130");
		assertThat(result.get("file_sha256").asString()).isEqualTo(sha256(file));
		assertThat(result.get("scorer").asString()).isEqualTo("match");
		// q1 epochs 1 and 2, q2 epochs 1 and 2 (the second errored); q3's reasoning
		// (80) exceeds its output (50)
		assertThat(result.get("accepted").asInt()).isEqualTo(4);
		assertThat(result.get("added").asInt()).isEqualTo(4);
		assertThat(result.get("failed").asInt()).isEqualTo(1);
		assertThat(result.get("rejected_count").asInt()).isEqualTo(1);
		// two prompt texts, new to this instance (q3's was rejected before its prompt)
		assertThat(result.get("new_prompts").asInt()).isEqualTo(2);
		assertThat(result.get("known_prompts").asInt()).isZero();
		JsonNode rejected = result.get("rejected").get(0);
		assertThat(rejected.get("line").asInt()).isEqualTo(5);
		assertThat(rejected.get("sample").asString()).isEqualTo("q3 (epoch 1)");
		assertThat(rejected.get("error").asString()).contains("reasoning_tokens");

		List<Map<String, Object>> runs = runs(dataset);
		assertThat(runs).hasSize(4);
		// "Name the capital of Australia." sorts before "What is 17 * 23?"
		Map<String, Object> q2e1 = runs.get(0);
		Map<String, Object> q2e2 = runs.get(1);
		Map<String, Object> q1e1 = runs.get(2);
		Map<String, Object> q1e2 = runs.get(3);
		// plan.config's reasoning_effort (high) over eval.model_generate_config's (low)
		assertThat(runs).allSatisfy(r -> assertThat(r.get("setting")).isEqualTo("effort:high"));
		assertThat(q1e1).containsEntry("sample", 0)
			.containsEntry("status", "SUCCEEDED")
			.containsEntry("input_tokens", 40L)
			.containsEntry("output_tokens", 300L)
			.containsEntry("reasoning_tokens", 256L)
			.containsEntry("score", 1.0)
			.containsEntry("latency_ms", 3000L) // working_time 3.0 s, not total_time
			.containsEntry("provider_model", "o4-mini-2025-04-16");
		// the grader's own model events (role grader): 500 in, 60 out, never the model's
		assertThat(q1e1).containsEntry("judge_input_tokens", 500L).containsEntry("judge_output_tokens", 60L);
		assertThat(q1e2).containsEntry("sample", 1)
			.containsEntry("cached_input_tokens", 32L)
			.containsEntry("output_tokens", 500L)
			.containsEntry("score", 0.0);
		assertThat(q2e1).containsEntry("score", 0.5).containsEntry("output_tokens", 100L);
		assertThat(q2e2).containsEntry("status", "FAILED").containsEntry("score", null);
		assertThat((String) q2e2.get("error")).contains("429");

		// successful runs only: q1 (1 + 0) / 2 = 0.5, q2 0.5 (P) → accuracy 0.5;
		// generated q1 (300 + 500) / 2 = 400, q2 100 → (400 + 100) / 2 = 250 (the
		// grader's
		// 60 and 50 output tokens are not in it)
		JsonNode row = row(dataset, "effort:high", "openai/o4-mini");
		assertThat(row.get("prompts").asInt()).isEqualTo(2);
		assertThat(row.get("accuracy").get("value").asDouble()).isEqualTo(0.5);
		assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(250.0);

		var again = post("dataset=" + dataset, "application/json", file);
		assertThat(again.json().get("added").asInt()).as(again.toString()).isZero();
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(4);
		assertThat(again.json().get("new_prompts").asInt()).isZero();
		assertThat(again.json().get("known_prompts").asInt()).isEqualTo(2);
		assertThat(runs(dataset)).hasSize(4);
	}

	@Test
	void anInspectEvalArchiveAndItsJsonLogAreTheSameRuns() throws Exception {
		String dataset = "inspect-capitals-" + this.tag;
		byte[] zip = evalArchive("inspect/eval-archive");
		var eval = post("dataset=" + dataset, "application/zip", zip);
		assertThat(eval.status()).as(eval.toString()).isEqualTo(200);
		JsonNode result = eval.json();
		assertThat(result.get("format").asString()).isEqualTo("inspect-eval");
		assertThat(result.get("harness_version").asString()).isEqualTo("0.3.125");
		assertThat(result.get("scorer").asString()).isEqualTo("match");
		// three questions over two epochs; Kiribati's second epoch errored
		assertThat(result.get("accepted").asInt()).isEqualTo(6);
		assertThat(result.get("added").asInt()).isEqualTo(6);
		assertThat(result.get("failed").asInt()).isEqualTo(1);
		assertThat(result.get("rejected_count").asInt()).isZero();

		List<Map<String, Object>> runs = runs(dataset);
		assertThat(runs).extracting(r -> r.get("text"))
			.containsExactly("What is the capital of Australia?", "What is the capital of Australia?",
					"What is the capital of Canada?", "What is the capital of Canada?",
					"What is the capital of Kiribati?", "What is the capital of Kiribati?");
		assertThat(runs).extracting(r -> r.get("sample")).containsExactly(0, 1, 0, 1, 0, 1);
		// eval.model_generate_config has only a temperature, plan.config nothing
		assertThat(runs).allSatisfy(r -> assertThat(r.get("setting")).isEqualTo("default"));
		// I → 0, P → 0.5, C → 1, N → 0; working_time 0.9 s → 900 ms
		assertThat(runs).extracting(r -> r.get("score")).containsExactly(0.0, 0.5, 1.0, 1.0, 0.0, null);
		assertThat(runs).extracting(r -> r.get("output_tokens")).containsExactly(5L, 9L, 3L, 4L, 12L, null);
		assertThat(runs.get(0)).containsEntry("input_tokens", 54L)
			.containsEntry("latency_ms", 900L)
			.containsEntry("provider_model", "gpt-4.1-mini-2025-04-14");
		assertThat(runs.get(5)).containsEntry("status", "FAILED");
		assertThat((String) runs.get(5).get("error")).contains("connection reset by peer");

		// per prompt, successful runs only: Australia (0 + 0.5) / 2 = 0.25, Canada
		// (1 + 1) / 2 = 1, Kiribati 0 → (0.25 + 1 + 0) / 3; generated Australia
		// (5 + 9) / 2 = 7, Canada (3 + 4) / 2 = 3.5, Kiribati 12 → 22.5 / 3 = 7.5
		JsonNode row = row(dataset, "default", "openai/gpt-4.1-mini");
		assertThat(row.get("prompts").asInt()).isEqualTo(3);
		assertThat(row.get("accuracy").get("value").asDouble()).isCloseTo(1.25 / 3, within(1e-9));
		assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(7.5);

		// the same eval as a JSON log: the same six runs, so nothing is added
		var json = post("dataset=" + dataset, "application/json", fixture("inspect/capitals.json"));
		assertThat(json.status()).as(json.toString()).isEqualTo(200);
		assertThat(json.json().get("format").asString()).isEqualTo("inspect-json");
		assertThat(json.json().get("accepted").asInt()).isEqualTo(6);
		assertThat(json.json().get("added").asInt()).isZero();
		assertThat(json.json().get("duplicates").asInt()).isEqualTo(6);
		assertThat(runs(dataset)).hasSize(6);
	}

	@Test
	void theJsonLogAloneGivesTheSameFiguresAsItsArchive() {
		String dataset = "inspect-capitals-json-" + this.tag;
		var json = post("dataset=" + dataset, "application/json", fixture("inspect/capitals.json"));
		assertThat(json.json().get("added").asInt()).as(json.toString()).isEqualTo(6);
		// as from the archive: (0.25 + 1 + 0) / 3 and 22.5 / 3 = 7.5
		JsonNode row = row(dataset, "default", "openai/gpt-4.1-mini");
		assertThat(row.get("accuracy").get("value").asDouble()).isCloseTo(1.25 / 3, within(1e-9));
		assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(7.5);
	}

	@Test
	void aGraderOfTheSameModelInModelUsageIsNotChargedToTheModel() {
		String dataset = "inspect-graded-" + this.tag;
		var result = post("dataset=" + dataset, "application/json", fixture("inspect/graded-same-model.json"));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("added").asInt()).isEqualTo(3);
		assertThat(result.json().get("harness_version").asString()).isEqualTo("0.3.93");
		assertThat(result.json().get("scorer").asString()).isEqualTo("model_graded_fact");
		// output.usage: 48/120, 45/90, 44/60; model_usage (with the grader, same model,
		// no role): 410/185, 380/150, 350/112. The grader cannot be told apart, so no
		// judge usage.
		List<Map<String, Object>> runs = runs(dataset);
		assertThat(runs).extracting(r -> r.get("input_tokens")).containsExactlyInAnyOrder(48L, 45L, 44L);
		assertThat(runs).extracting(r -> r.get("output_tokens")).containsExactlyInAnyOrder(120L, 90L, 60L);
		assertThat(runs).allSatisfy(r -> assertThat(r.get("judge_output_tokens")).isNull());
		// working_time 2.75 s, not total_time 2.95 s
		assertThat(runs).extracting(r -> r.get("latency_ms")).contains(2750L);
		JsonNode row = row(dataset, "default", "openai/gpt-4o-mini");
		assertThat(row.get("prompts").asInt()).isEqualTo(3);
		// C, C, P → (1 + 1 + 0.5) / 3; generated (120 + 90 + 60) / 3 = 90
		assertThat(row.get("accuracy").get("value").asDouble()).isCloseTo(2.5 / 3, within(1e-9));
		assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(90.0);

		String cancelled = "inspect-cancelled-" + this.tag;
		var none = post("dataset=" + cancelled, "application/json", fixture("inspect/no-samples.json"));
		assertThat(none.status()).as(none.toString()).isEqualTo(200);
		assertThat(none.json().get("accepted").asInt()).isZero();
		assertThat(none.json().get("added").asInt()).isZero();
		assertThat(runs(cancelled)).isEmpty();
	}

	@Test
	void aPromptfooExportIsImportedWithTheGradersTokensApart() {
		String dataset = "promptfoo-" + this.tag;
		var result = post("dataset=" + dataset, "application/json", fixture("promptfoo/comparison-export.json"));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("format").asString()).isEqualTo("promptfoo");
		assertThat(result.json().get("harness_version").asString()).isEqualTo("0.119.2");
		assertThat(result.json().get("added").asInt()).isEqualTo(4);
		// failureReason 1 is a failed assertion, a graded answer, not a failed run
		assertThat(result.json().get("failed").asInt()).isZero();
		// gpt-5 (no config): hash collision 0.5 (210 out), haiku 1.0 (96 out)
		JsonNode gpt5 = row(dataset, "default", "openai/gpt-5");
		assertThat(gpt5.get("accuracy").get("value").asDouble()).isEqualTo((0.5 + 1.0) / 2);
		assertThat(gpt5.get("tokens").get("generated").asDouble()).isEqualTo((210 + 96) / 2.0);
		// gpt-5-mini-low (reasoning_effort low in config.providers): 0.75 (140 out),
		// 0.25 (60 out; the score, not success false)
		JsonNode mini = row(dataset, "effort:low", "openai/gpt-5-mini");
		assertThat(mini.get("accuracy").get("value").asDouble()).isEqualTo((0.75 + 0.25) / 2);
		assertThat(mini.get("tokens").get("generated").asDouble()).isEqualTo((140 + 60) / 2.0);
		// gradingResult.tokensUsed is the grader's: 227 in, 29 out for mini's hash
		// collision
		assertThat(runs(dataset)).anySatisfy(r -> assertThat(r).containsEntry("output_tokens", 140L)
			.containsEntry("input_tokens", 18L)
			.containsEntry("reasoning_tokens", 64L)
			.containsEntry("judge_input_tokens", 227L)
			.containsEntry("judge_output_tokens", 29L)
			.containsEntry("latency_ms", 3100L)
			.containsEntry("setting", "effort:low")
			.containsEntry("text", "Answer briefly: Explain what a hash collision is in one sentence."));
		BigDecimal cost = this.jdbc.sql("select sum(cost_usd) from runs where dataset = ?")
			.param(dataset)
			.query(BigDecimal.class)
			.single();
		// 0.0021225 + 0.0002845 + 0.0009775 + 0.0001235
		assertThat(cost).isEqualByComparingTo("0.0035080");
	}

	@Test
	void promptfooEffortRepeatsAndProviderErrors() {
		String dataset = "promptfoo-effort-" + this.tag;
		var result = post("dataset=" + dataset, "application/json", fixture("promptfoo/effort-repeats.json"));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("added").asInt()).isEqualTo(4);
		assertThat(result.json().get("failed").asInt()).isEqualTo(1);
		List<Map<String, Object>> runs = runs(dataset);
		// config.providers[]: o3-high has reasoning_effort high; the same test twice is
		// samples 0 and 1
		assertThat(runs).allSatisfy(r -> assertThat(r.get("setting")).isEqualTo("effort:high"));
		assertThat(runs).extracting(r -> r.get("sample")).containsExactly(0, 1, 0, 1);
		assertThat(runs.get(0)).containsEntry("cached_input_tokens", 16L).containsEntry("judge_input_tokens", 100L);
		assertThat(runs.get(3)).containsEntry("status", "FAILED");
		// banana (1 + 0) / 2 = 0.5, 2 + 2: 1 (the errored run is not a wrong answer) →
		// 0.75;
		// generated banana (200 + 300) / 2 = 250, 2 + 2: 100 → 175
		JsonNode row = row(dataset, "effort:high", "openai/o3");
		assertThat(row.get("accuracy").get("value").asDouble()).isEqualTo(0.75);
		assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(175.0);
	}

	@Test
	void anOpenAiEvalsLogIsImportedFromItsSamplingAndMatchEvents() {
		String dataset = "evals-" + this.tag;
		var result = post("dataset=" + dataset, "application/x-ndjson", fixture("openai-evals/match-reasoning.jsonl"));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("format").asString()).isEqualTo("openai-evals");
		assertThat(result.json().get("added").asInt()).isEqualTo(2);
		List<Map<String, Object>> runs = runs(dataset);
		// prompts: system + user message texts, one paragraph each
		assertThat(runs.get(0)).containsEntry("text", "Answer with a number only.\n\nWhat is 12 * 12?")
			.containsEntry("input_tokens", 60L)
			.containsEntry("output_tokens", 150L)
			.containsEntry("reasoning_tokens", 128L)
			.containsEntry("score", 1.0)
			.containsEntry("provider_model", "o4-mini-2025-04-16");
		assertThat(runs.get(1)).containsEntry("cached_input_tokens", 64L).containsEntry("score", 0.0);
		// (1 + 0) / 2 = 0.5; (150 + 250) / 2 = 200
		JsonNode row = row(dataset, "default", "openai/o4-mini");
		assertThat(row.get("accuracy").get("value").asDouble()).isEqualTo(0.5);
		assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(200.0);
	}

	@Test
	void aPreviewWritesNothingAndSaysWhatWouldBeImported() {
		String dataset = "preview-" + this.tag;
		byte[] file = fixture("promptfoo/effort-repeats.json");
		var preview = post("dataset=" + dataset + "&dry_run=true", "application/json", file);
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		JsonNode answer = preview.json();
		assertThat(answer.get("dry_run").asBoolean()).isTrue();
		assertThat(answer.get("accepted").asInt()).isEqualTo(4);
		assertThat(answer.get("added").asInt()).isEqualTo(4);
		assertThat(answer.get("new_prompts").asInt() + answer.get("known_prompts").asInt()).isEqualTo(2);
		JsonNode version = answer.get("versions").get(0);
		assertThat(version.get("model").asString()).isEqualTo("openai/o3");
		assertThat(version.get("setting").asString()).isEqualTo("effort:high");
		assertThat(version.get("runs").asInt()).isEqualTo(4);
		assertThat(version.get("failed").asInt()).isEqualTo(1);
		assertThat(runs(dataset)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from dataset_imports where dataset = ?")
			.param(dataset)
			.query(Long.class)
			.single()).isZero();

		assertThat(post("dataset=" + dataset, "application/json", file).json().get("added").asInt()).isEqualTo(4);
		// previewed again: all four are stored already
		var again = post("dataset=" + dataset + "&dry_run=true", "application/json", file).json();
		assertThat(again.get("added").asInt()).isZero();
		assertThat(again.get("duplicates").asInt()).isEqualTo(4);
		assertThat(again.get("known_prompts").asInt()).isEqualTo(2);
	}

	/**
	 * A log larger than any JSON document the application reads whole (32 MB) and with
	 * strings longer than any it keeps (4 M characters) in what an import skips (the
	 * attachments, a model event's input): streamed, it imports.
	 */
	@Test
	void aLargeLogStreamsPastTheLimitsOfADocumentReadWhole() {
		String big = "x".repeat(5_000_000);
		StringBuilder attachments = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			attachments.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"").append(big).append('"');
		}
		String log = """
				{"version": 2, "status": "success",
				 "eval": {"task": "large", "model": "openai/gpt-4o-mini", "created": "2025-09-04T10:00:00+00:00",
				          "packages": {"inspect_ai": "0.3.130"}},
				 "plan": {"config": {}},
				 "results": {"scores": [{"name": "match"}]},
				 "stats": {"completed_at": "2025-09-04T11:00:00+00:00"},
				 "samples": [{"id": 1, "epoch": 1, "input": "A large question %s",
				   "events": [{"event": "model", "input": [{"role": "user", "content": "%s"}],
				               "output": {"usage": {"input_tokens": 1, "output_tokens": 1}}}],
				   "attachments": {%s},
				   "output": {"model": "gpt-4o-mini-2024-07-18", "usage": {"input_tokens": 12, "output_tokens": 7}},
				   "scores": {"match": {"value": "C"}}}]}
				""".formatted(this.tag, big, attachments);
		String dataset = "large-" + this.tag;
		byte[] body = log.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body.length).isGreaterThan(40_000_000);
		var result = post("dataset=" + dataset, "application/json", body);
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("added").asInt()).isEqualTo(1);
		assertThat(runs(dataset).get(0)).containsEntry("output_tokens", 7L).containsEntry("score", 1.0);
	}

	@Test
	void anUnknownFormatIsRefusedNamingWhatWasExpected() {
		String dataset = "unknown-" + this.tag;
		var unknown = post("dataset=" + dataset, "application/json", "{\"hello\": \"world\"}".getBytes());
		assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
		assertThat(unknown.contentType()).contains("application/problem+json");
		assertThat(unknown.body()).contains("format", "Inspect AI", "promptfoo", "OpenAI Evals");
		var forced = post("dataset=" + dataset + "&format=excel", "application/json", "{}".getBytes());
		assertThat(forced.status()).isEqualTo(400);
		assertThat(forced.body()).contains("format", "inspect-eval");
		// named, the format is read as that one: a promptfoo file is no Inspect log
		var wrong = post("dataset=" + dataset + "&format=inspect-json", "application/json",
				fixture("promptfoo/comparison-export.json"));
		assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
		assertThat(wrong.body()).contains("eval.model");
		var brokenZip = post("dataset=" + dataset, "application/zip", new byte[] { 'P', 'K', 3, 4, 0, 0 });
		assertThat(brokenZip.status()).as(brokenZip.toString()).isEqualTo(400);
		assertThat(runs(dataset)).isEmpty();
	}

	@Test
	void everyImportRecordsItsProvenance() throws Exception {
		String dataset = "provenance-" + this.tag;
		byte[] file = fixture("openai-evals/match-reasoning.jsonl");
		var result = post("dataset=" + dataset + "&source_url=https://example.org/evals-log&licence=MIT",
				"application/x-ndjson", file);
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		Map<String, Object> record = this.jdbc.sql("""
				select format, harness, harness_version, file_sha256, imported_by, source_url, licence, runs_added
				  from dataset_imports where dataset = ?""").param(dataset).query().singleRow();
		assertThat(record).containsEntry("format", "openai-evals")
			.containsEntry("harness", "openai-evals")
			.containsEntry("file_sha256", sha256(file))
			.containsEntry("source_url", "https://example.org/evals-log")
			.containsEntry("licence", "MIT")
			.containsEntry("runs_added", 2);
		assertThat((String) record.get("imported_by")).startsWith("harness");
		assertThat(this.jdbc
			.sql("select count(*) from runs r join dataset_imports d on d.id = r.import_id" + " where r.dataset = ?")
			.param(dataset)
			.query(Long.class)
			.single()).isEqualTo(2);
		// the same file again adds no run and no record
		post("dataset=" + dataset, "application/x-ndjson", file);
		assertThat(this.jdbc.sql("select count(*) from dataset_imports where dataset = ?")
			.param(dataset)
			.query(Long.class)
			.single()).isOne();
		// shown where the dataset, its runs and the exports are read
		String page = new Http(this.port).get("/datasets/" + dataset, "text/html").body();
		assertThat(page).contains("openai-evals", sha256(file), "https://example.org/evals-log", "MIT",
				(String) record.get("imported_by"));
		JsonNode api = new Http(this.port).get("/api/v1/datasets/" + dataset).json();
		assertThat(api.get("imports").get(0).get("file_sha256").asString()).isEqualTo(sha256(file));
		assertThat(api.get("imports").get(0).get("licence").asString()).isEqualTo("MIT");
		assertThat(new Http(this.port).get("/api/v1/datasets/nothing-" + this.tag).status()).isEqualTo(404);
		long runId = this.jdbc.sql("select min(id) from runs where dataset = ?")
			.param(dataset)
			.query(Long.class)
			.single();
		JsonNode bundle = new Http(this.port).get("/api/v1/runs/" + runId + "/bundle").json();
		assertThat(bundle.get("provenance").get("provider_model").asString()).isEqualTo("o4-mini-2025-04-16");
		assertThat(bundle.get("provenance").get("imported").get("file_sha256").asString()).isEqualTo(sha256(file));
		assertThat(bundle.get("provenance").get("imported").get("source_url").asString())
			.isEqualTo("https://example.org/evals-log");
		assertThat(new Http(this.port).get("/runs/" + runId, "text/html").body()).contains("id=\"run-provenance\"",
				sha256(file));
		JsonNode manifest = this.json.readTree(this.exports.build(LocalDate.now(ZoneOffset.UTC)).get("manifest.json"));
		assertThat(manifest.get("imports").toString()).contains(sha256(file), "https://example.org/evals-log");

		var badSource = post("dataset=" + dataset + "&source_url=javascript:alert(1)", "application/x-ndjson", file);
		assertThat(badSource.status()).isEqualTo(400);
		assertThat(badSource.body()).contains("source_url");
	}

}
