package org.tokenyield.exports;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A snapshot streams: its files are written through gzip into chunks of
 * {@code app.exports.chunk-size} (2 KB in integration tests, see {@code IntegrationTest})
 * and served back from them byte for byte, and its figures, summed up while the runs
 * stream, are the bytes the old computation over a list of every run gave. The runs are
 * on days of March 1999: after every day {@code ExportIntegrationTests} snapshots (whose
 * snapshots must not see them) and before any run another test writes.
 */
@IntegrationTest
class ExportStreamingTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final AtomicInteger DAYS = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportService exports;

	@Autowired
	ExportProperties properties;

	@Autowired
	JsonMapper json;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final LocalDate day = LocalDate.of(1999, 3, 1).plusDays(DAYS.getAndIncrement());

	@Test
	void aSnapshotLargerThanAChunkIsStoredInChunksAndServedByteForByte() throws Exception {
		assertThat(this.properties.chunkSize().toBytes()).isEqualTo(2048);
		world();
		Map<String, byte[]> built = this.exports.build(this.day);
		Http admin = Accounts.admin(new Http(this.port));
		assertThat(admin.post("/admin/exports?date=" + this.day, "").status()).isEqualTo(200);

		// the runs files span several chunks, each at most the chunk size; no file is
		// stored whole any more
		for (String name : List.of("runs.jsonl", "runs.csv")) {
			List<Integer> sizes = this.jdbc.sql("""
					select octet_length(content_gzip) from export_file_chunks
					 where snapshot_date = ? and name = ? order by seq""")
				.params(this.day, name)
				.query(Integer.class)
				.list();
			assertThat(sizes).as(name).hasSizeGreaterThan(2);
			assertThat(sizes.subList(0, sizes.size() - 1)).as(name).containsOnly(2048);
		}
		assertThat(this.jdbc.sql("select count(*) from export_files where snapshot_date = ? and content_gzip is null")
			.param(this.day)
			.query(Integer.class)
			.single()).isEqualTo(4);

		// served: the bytes built in memory from the same rows, with the listed size and
		// SHA-256 as Content-Length and ETag
		JsonNode listed = admin.get("/api/v1/exports/" + this.day).json();
		for (JsonNode f : listed.get("files")) {
			String name = f.get("name").asString();
			HttpResponse<byte[]> served = get(f.get("url").asString(), Map.of());
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.body()).as(name).isEqualTo(built.get(name));
			assertThat(SnapshotBuilder.sha256(served.body())).isEqualTo(f.get("sha256").asString());
			assertThat(served.headers().firstValue("ETag")).contains("\"" + f.get("sha256").asString() + "\"");
			assertThat(served.headers().firstValueAsLong("Content-Length")).hasValue(built.get(name).length);
			assertThat(f.get("bytes").asLong()).isEqualTo(built.get(name).length);
		}
		assertThat(built.get("runs.jsonl").length).as("several chunks of gzip").isGreaterThan(20_000);

		// figures.json: the bytes of the old computation over the list of every exported
		// run
		List<ExportRun> runs = Arrays.stream(new String(built.get("runs.jsonl"), StandardCharsets.UTF_8).split("\n"))
			.map(line -> this.json.readValue(line, ExportRun.class))
			.toList();
		assertThat(runs).hasSize(listed.get("runs").asInt());
		byte[] figures = get(ExportService.url(this.day, "figures.json"), Map.of()).body();
		// compared as text (the same as the bytes for UTF-8) so that a failure shows the
		// figure that differs
		assertThat(new String(figures, StandardCharsets.UTF_8))
			.isEqualTo(new String(this.json.writeValueAsBytes(inMemoryFigures(runs)), StandardCharsets.UTF_8));
		assertThat(this.json.readTree(figures)).filteredOn(f -> f.get("model").asString().endsWith(this.tag))
			.hasSize(2);

		// a client that has the file gets 304; a range is cut from the streamed file
		String runsUrl = ExportService.url(this.day, "runs.jsonl");
		String etag = "\"" + SnapshotBuilder.sha256(built.get("runs.jsonl")) + "\"";
		assertThat(get(runsUrl, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
		HttpResponse<byte[]> range = get(runsUrl, Map.of("Range", "bytes=5000-5999"));
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(built.get("runs.jsonl"), 5000, 6000));

		// chunks are as immutable as the rest
		assertThatException()
			.isThrownBy(() -> this.jdbc.sql("update export_file_chunks set content_gzip = '' where snapshot_date = ?")
				.param(this.day)
				.update());
		assertThatException().isThrownBy(
				() -> this.jdbc.sql("delete from export_file_chunks where snapshot_date = ?").param(this.day).update());
	}

	@Test
	void aFileStoredWholeBeforeChunksIsStillServed() throws Exception {
		LocalDate old = LocalDate.of(1980, 1, 1).plusDays(DAYS.getAndIncrement());
		byte[] content = ("{\"id\":1,\"model\":\"external/old-" + this.tag + "\"}\n").repeat(500)
			.getBytes(StandardCharsets.UTF_8);
		String sha = SnapshotBuilder.sha256(content);
		this.jdbc.sql("""
				insert into export_snapshots (snapshot_date, cutoff, runs, demo, manifest_sha256)
				values (?, ?, 500, false, ?)""")
			.params(old, Timestamp.from(old.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()), sha)
			.update();
		this.jdbc.sql("""
				insert into export_files (snapshot_date, name, content_type, bytes, sha256, content_gzip)
				values (?, 'runs.jsonl', 'application/x-ndjson', ?, ?, ?)""")
			.params(old, content.length, sha, gzip(content))
			.update();

		HttpResponse<byte[]> served = get(ExportService.url(old, "runs.jsonl"), Map.of());
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).isEqualTo(content);
		assertThat(served.headers().firstValue("ETag")).contains("\"" + sha + "\"");
		assertThat(served.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> t.startsWith("application/x-ndjson"));
	}

	/**
	 * Two models, each with 25 prompts of 8 runs: tokens, reasoning and scores sometimes
	 * unknown, scores and costs in tenths (so a sum rounded otherwise than
	 * {@code DoubleStream}'s shows in the figures' bytes).
	 */
	private void world() {
		Instant noon = this.day.atStartOfDay(ZoneOffset.UTC).plusSeconds(12 * 3600).toInstant();
		int n = 0;
		for (int m = 0; m < 2; m++) {
			long model = model("external/stream-" + m + "-" + this.tag);
			for (int p = 0; p < 25; p++) {
				long prompt = prompt((p % 3 == 0) ? "code" : "math", p);
				for (int s = 0; s < 8; s++) {
					n++;
					Long input = (n % 11 == 0) ? null : 100L + (n * 37L) % 900;
					long output = 50L + (n * 101L) % 4000;
					Long reasoning = (m == 0) ? null : (n * 13L) % output;
					// tenths: binary fractions that a plain running sum rounds
					// differently
					Double score = (n % 7 == 0) ? null : ((n * 31) % 11) / 10.0;
					BigDecimal cost = (n % 13 == 0) ? null : BigDecimal.valueOf(1 + (n * 7919L) % 10, 1);
					run(model, prompt, s, input, output, reasoning, score, cost, noon.plusSeconds(n));
				}
			}
		}
	}

	/** The figures as computed before streaming: every run in a list, grouped. */
	private static List<ExportFigure> inMemoryFigures(List<ExportRun> runs) {
		Map<List<String>, Map<Long, List<ExportRun>>> configs = new TreeMap<>(
				(a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
		for (ExportRun run : runs) {
			configs.computeIfAbsent(List.of(run.dataset(), run.model(), run.setting()), k -> new TreeMap<>())
				.computeIfAbsent(run.promptId(), p -> new ArrayList<>())
				.add(run);
		}
		List<ExportFigure> out = new ArrayList<>();
		configs.forEach((config, prompts) -> {
			List<PromptMeans> means = prompts.values().stream().map(ExportStreamingTests::means).toList();
			ConfigSummary s = ConfigSummary.of(means,
					Seeds.seedOf("export", config.get(0), config.get(1), config.get(2)));
			boolean simulated = prompts.values().stream().flatMap(List::stream).anyMatch(ExportRun::simulated);
			out.add(new ExportFigure(config.get(0), config.get(1), config.get(2), simulated, s.prompts(),
					s.gradedPrompts(), s.accuracy(), s.input(), s.generated(), s.reasoning(), s.medianGenerated(),
					s.costPerCorrect()));
		});
		return out;
	}

	private static PromptMeans means(List<ExportRun> runs) {
		ExportRun first = runs.get(0);
		int correct = (int) runs.stream()
			.filter(r -> r.score() != null && r.score() >= RunObservation.CORRECT_SCORE)
			.count();
		double cost = runs.stream().filter(r -> r.costUsd() != null).mapToDouble(r -> r.costUsd().doubleValue()).sum();
		return new PromptMeans(first.promptId(), first.category(), mean(runs, ExportRun::inputTokens),
				mean(runs, ExportRun::outputTokens), mean(runs, ExportRun::reasoningTokens),
				runs.stream()
					.map(ExportRun::score)
					.filter(v -> v != null)
					.mapToDouble(Double::doubleValue)
					.average()
					.stream()
					.boxed()
					.findFirst()
					.orElse(null),
				runs.size(), correct, cost);
	}

	private static Double mean(List<ExportRun> runs, java.util.function.Function<ExportRun, Long> field) {
		return runs.stream()
			.map(field)
			.filter(v -> v != null)
			.mapToLong(Long::longValue)
			.average()
			.stream()
			.boxed()
			.findFirst()
			.orElse(null);
	}

	private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		headers.forEach(request::header);
		return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] gzip(byte[] content) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(content);
		}
		return out.toByteArray();
	}

	private long model(String key) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, simulated, active)
				values (?, 'export-stream', 'external', ?, array['default'], false, false) returning id""")
			.params(key, key.substring(key.indexOf('/') + 1))
			.query(Long.class)
			.single();
	}

	private long prompt(String category, int p) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, ?, '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("stream " + p, "export stream prompt " + p + " " + UUID.randomUUID(),
					UUID.randomUUID().toString().replace("-", ""), category)
			.query(Long.class)
			.single();
	}

	private void run(long model, long prompt, int sample, Long input, long output, Long reasoning, Double score,
			BigDecimal cost, Instant finished) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, simulated,
				                  input_tokens, output_tokens, reasoning_tokens, cost_usd, score, finish_reason,
				                  finished_at)
				values (?, ?, ?, 'default', ?, 'SUCCEEDED', 'live', false, ?, ?, ?, ?, ?, 'stop', ?)""")
			.params("stream-" + this.tag + "-" + model + "-" + prompt + "-" + sample, prompt, model, sample, input,
					output, reasoning, cost, score, Timestamp.from(finished))
			.update();
	}

}
