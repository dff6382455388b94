package org.tokenyield.exports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Dated exports through the API on a day of its own (a random day of 2001-2010, which no
 * other test fills): version M at default, prompt 1 with runs (in 10, out 100, right,
 * $0.002) and (in 10, out 300, wrong, $0.004), prompt 2 with (in 20, out 50, right,
 * $0.001), plus one simulated run of another version. <pre>
 * per prompt: p1 input 10, generated 200, score 0.5, 1 correct, $0.006
 *             p2 input 20, generated  50, score 1,   1 correct, $0.001
 * figure:     accuracy (0.5 + 1) / 2 = 0.75, input 15, generated 125, median generated 125,
 *             cost per correct 0.007 / 2 = 0.0035
 * </pre>
 */
@IntegrationTest
class ExportIntegrationTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportService exports;

	@Autowired
	JsonMapper json;

	private static final java.util.concurrent.atomic.AtomicInteger DAYS_BACK = new java.util.concurrent.atomic.AtomicInteger();

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	// snapshots are cumulative: each test takes a day before the previous test's (so no
	// other test
	// of this class has runs before it), after the empty day checked below and before any
	// date an
	// import accepts (2000-01-01)
	final LocalDate day = LocalDate.of(1998, 12, 31).minusDays(DAYS_BACK.getAndIncrement());

	final String model = "external/export-" + this.tag;

	long modelId;

	@BeforeEach
	void world() {
		this.modelId = model(this.model, false);
		long simulatedModel = model("external/export-sim-" + this.tag, true);
		long p1 = prompt("math");
		long p2 = prompt("code");
		Instant noon = this.day.atStartOfDay(java.time.ZoneOffset.UTC).plusSeconds(12 * 3600).toInstant();
		run(this.modelId, p1, 0, 10, 100, 1.0, "0.002", noon, false);
		run(this.modelId, p1, 1, 10, 300, 0.0, "0.004", noon.plusSeconds(1), false);
		run(this.modelId, p2, 0, 20, 50, 1.0, "0.001", noon.plusSeconds(2), false);
		run(simulatedModel, p2, 0, 20, 70, 1.0, "0.001", noon.plusSeconds(3), true);
		// finished after the day's end: belongs to the next snapshot
		run(this.modelId, p2, 1, 20, 50, 1.0, "0.001", noon.plusSeconds(13 * 3600), false);
	}

	@Test
	void theSameDataGivesByteIdenticalFiles() {
		Map<String, byte[]> first = this.exports.build(this.day);
		Map<String, byte[]> second = this.exports.build(this.day);
		assertThat(first.keySet()).containsExactly("runs.jsonl", "runs.csv", "figures.json", "manifest.json");
		first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
	}

	@Test
	void aSnapshotIsListedHashedServedAndNeverChanged() throws Exception {
		Map<String, byte[]> built = this.exports.build(this.day);
		Http admin = Accounts.admin(new Http(this.port));
		Http.Response taken = admin.post("/admin/exports?date=" + this.day, "");
		assertThat(taken.status()).as(taken.toString()).isEqualTo(200);

		JsonNode listed = null;
		for (JsonNode s : new Http(this.port).get("/api/v1/exports").json()) {
			if (s.get("date").asString().equals(this.day.toString())) {
				listed = s;
			}
		}
		assertThat(listed).as("the day is listed").isNotNull();
		boolean demo = listed.get("demo").asBoolean();
		assertThat(listed.get("runs").asInt()).isEqualTo(demo ? 4 : 3);
		assertThat(listed.get("files")).extracting(f -> f.get("name").asString())
			.containsExactly("figures.json", "runs.csv", "runs.jsonl");

		// every file at its stable URL: the bytes built from the same data, hashing to
		// the listed SHA-256
		for (JsonNode f : listed.get("files")) {
			byte[] served = download(f.get("url").asString());
			assertThat(served).as(f.get("name").asString()).isEqualTo(built.get(f.get("name").asString()));
			assertThat(SnapshotBuilder.sha256(served)).isEqualTo(f.get("sha256").asString());
		}
		byte[] manifest = download(listed.get("manifest_url").asString());
		assertThat(SnapshotBuilder.sha256(manifest)).isEqualTo(listed.get("sha256").asString());
		JsonNode m = this.json.readTree(manifest);
		assertThat(m.get("date").asString()).isEqualTo(this.day.toString());
		assertThat(m.get("cutoff").asString()).isEqualTo(this.day.plusDays(1) + "T00:00:00Z");
		assertThat(m.get("methodology_version").asString()).isEqualTo("none");

		// runs: in id order, simulated ones labelled, the next day's run left out
		String[] lines = new String(download(url("runs.jsonl")), StandardCharsets.UTF_8).split("\n");
		assertThat(lines).hasSize(demo ? 4 : 3);
		JsonNode last = this.json.readTree(lines[lines.length - 1]);
		assertThat(last.get("simulated").asBoolean()).isEqualTo(demo);
		assertThat(this.json.readTree(lines[0]).get("model").asString()).isEqualTo(this.model);
		String csv = new String(download(url("runs.csv")), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("id,finished_at,dataset,model,");
		assertThat(csv.contains(",true,")).isEqualTo(demo);

		// figures recomputed from exactly those runs
		JsonNode figure = null;
		for (JsonNode f : this.json.readTree(download(url("figures.json")))) {
			if (f.get("model").asString().equals(this.model)) {
				figure = f;
			}
		}
		assertThat(figure).isNotNull();
		assertThat(figure.get("prompts").asInt()).isEqualTo(2);
		assertThat(figure.get("accuracy").get("value").asDouble()).isCloseTo(0.75, within(1e-12));
		assertThat(figure.get("input").asDouble()).isCloseTo(15, within(1e-12));
		assertThat(figure.get("generated").asDouble()).isCloseTo(125, within(1e-12));
		assertThat(figure.get("median_generated").asDouble()).isCloseTo(125, within(1e-12));
		assertThat(figure.get("cost_per_correct").asDouble()).isCloseTo(0.0035, within(1e-12));
		assertThat(figure.get("reasoning").isNull()).isTrue();

		// immutable: taking it again changes nothing, and the database refuses edits
		assertThat(admin.post("/admin/exports?date=" + this.day, "").json().get("sha256").asString())
			.isEqualTo(listed.get("sha256").asString());
		assertThatException()
			.isThrownBy(() -> this.jdbc.sql("update export_files set bytes = 0 where snapshot_date = ?")
				.param(this.day)
				.update());
		assertThatException().isThrownBy(
				() -> this.jdbc.sql("delete from export_snapshots where snapshot_date = ?").param(this.day).update());
	}

	@Test
	void aDayWithoutRunsStillNamesItsColumns() {
		// no test writes runs finished before 1991
		Map<String, byte[]> empty = this.exports.build(LocalDate.of(1990, 1, 1));
		assertThat(new String(empty.get("runs.csv"), StandardCharsets.UTF_8)).isEqualTo(
				"id,finished_at,dataset,model,setting,sample,prompt_id,category,simulated,input_tokens,cached_input_tokens,"
						+ "output_tokens,reasoning_tokens,cost_usd,finish_reason,score\r\n");
		assertThat(empty.get("runs.jsonl")).isEmpty();
		assertThat(new String(empty.get("figures.json"), StandardCharsets.UTF_8)).isEqualTo("[]");
	}

	@Test
	void aDayThatHasNotEndedIsRefusedAndOnlyAdminsTakeSnapshots() {
		Http admin = Accounts.admin(new Http(this.port));
		Http.Response today = admin.post("/admin/exports?date=" + LocalDate.now(java.time.ZoneOffset.UTC), "");
		assertThat(today.status()).isEqualTo(400);
		assertThat(today.contentType()).contains("problem+json");
		assertThat(new Http(this.port).post("/admin/exports?date=" + this.day, "").status()).isIn(401, 403);
		assertThat(new Http(this.port).get("/api/v1/exports/not-a-date/runs.csv").status()).isEqualTo(400);
		assertThat(new Http(this.port).get("/api/v1/exports/1999-01-01/runs.csv").status()).isEqualTo(404);
	}

	private String url(String name) {
		return ExportService.url(this.day, name);
	}

	private byte[] download(String path) throws Exception {
		HttpResponse<byte[]> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
		return response.body();
	}

	private long model(String key, boolean simulated) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, simulated, active)
				values (?, 'export-test', 'external', ?, array['default'], ?, false) returning id""")
			.params(key, key.substring(key.indexOf('/') + 1), simulated)
			.query(Long.class)
			.single();
	}

	private long prompt(String category) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, ?, '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("export " + category, "export prompt " + category + " " + this.tag,
					UUID.randomUUID().toString().replace("-", ""), category)
			.query(Long.class)
			.single();
	}

	private void run(long model, long prompt, int sample, long input, long output, double score, String cost,
			Instant finished, boolean simulated) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, simulated,
				                  input_tokens, output_tokens, cost_usd, score, finish_reason, finished_at)
				values (?, ?, ?, 'default', ?, 'SUCCEEDED', 'live', ?, ?, ?, cast(? as numeric), ?, 'stop', ?)""")
			.params("export-" + this.tag + "-" + model + "-" + prompt + "-" + sample, prompt, model, sample, simulated,
					input, output, cost, score, Timestamp.from(finished))
			.update();
	}

}
