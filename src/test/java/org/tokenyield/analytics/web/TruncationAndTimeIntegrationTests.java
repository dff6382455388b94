package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.analytics.calc.LatencyBuckets;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Accuracy without truncated runs and time per task (docs/methodology-notes.md
 * "Truncation, time and caching"), imported and read back over HTTP, every figure
 * computed by hand.
 * <p>
 * Version T, three prompts, two samples each: <pre>
 * prompt  sample  score  stop    latency  output
 * A       0       1      stop      1000    100
 * A       1       0      length    3000    300
 * B       0       0      length    2000    200
 * B       1       1      stop      4000    400
 * C       0       0      stop       500     50
 * C       1       1      stop      8000    800
 * </pre> Accuracy (0.5 + 0.5 + 0.5) / 3 = 0.5; truncated 2 / 6 = 33.3 % (above 5 %);
 * without truncated runs A keeps 1, B 1, C 0.5: (1 + 1 + 0.5) / 3 = 0.8333. Latencies
 * sorted 500, 1000, 2000, 3000, 4000, 8000: p50 is the 3rd (⌈0.5 · 6⌉), 2000 ms, in
 * bucket [1722, 2048), shown as sqrt(1722 · 2047) = 1877.5 ms; p95 the 6th (⌈5.7⌉), 8000
 * ms, in [6889, 8192): sqrt(6889 · 8191) = 7511.8 ms. Output per second: 1850 tokens /
 * 18.5 s = 100.
 * <p>
 * Version U: the same runs without stop reasons or latencies: no truncated rate, the
 * accuracy without truncated runs equals the accuracy, no time per task (null, never 0).
 */
@IntegrationTest
class TruncationAndTimeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	Http maintainer;

	String tag;

	String dataset;

	@BeforeEach
	void setUp() {
		this.maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("trunc"));
		this.tag = UUID.randomUUID().toString().substring(0, 8);
		this.dataset = "trunc-" + this.tag;
	}

	@Test
	void truncatedRunsAndTimePerTaskOnTheLeaderboardTheSweepAndThePages() {
		String t = "harness/trunc-t-" + this.tag;
		String u = "harness/trunc-u-" + this.tag;
		Object[][] runs = { { "A", 0, 1.0, "stop", 1000, 100 }, { "A", 1, 0.0, "length", 3000, 300 },
				{ "B", 0, 0.0, "length", 2000, 200 }, { "B", 1, 1.0, "stop", 4000, 400 },
				{ "C", 0, 0.0, "stop", 500, 50 }, { "C", 1, 1.0, "stop", 8000, 800 } };
		List<String> lines = new ArrayList<>();
		for (Object[] r : runs) {
			String prompt = "trunc-" + r[0] + "-" + this.tag;
			lines.add(line(prompt, t, (int) r[1], (double) r[2], (String) r[3], (Integer) r[4], (int) r[5]));
			lines.add(line(prompt, u, (int) r[1], (double) r[2], null, null, (int) r[5]));
		}
		JsonNode result = importLines(lines);
		assertThat(result.get("rejected_count").asInt()).as(result.toString()).isZero();
		this.stamper.refreshNow(true);

		JsonNode rows = get("/api/v1/leaderboard?dataset=" + this.dataset).json().get("rows");
		JsonNode rowT = rowOf(rows, t);
		assertThat(rowT.get("accuracy").get("value").asDouble()).isCloseTo(0.5, within(1e-12));
		assertThat(rowT.get("truncated_rate").asDouble()).isCloseTo(2.0 / 6, within(1e-12));
		assertThat(rowT.get("accuracy_without_truncated").asDouble()).isCloseTo(2.5 / 3, within(1e-12));
		JsonNode time = rowT.get("time_per_task");
		assertThat(time.get("runs").asInt()).isEqualTo(6);
		assertThat(time.get("latency_p50_ms").asDouble()).isCloseTo(Math.sqrt(1722.0 * 2047), within(1e-9));
		assertThat(time.get("latency_p95_ms").asDouble()).isCloseTo(Math.sqrt(6889.0 * 8191), within(1e-9));
		assertThat(time.get("output_tokens_per_second").asDouble()).isCloseTo(100, within(1e-9));

		JsonNode rowU = rowOf(rows, u);
		assertThat(rowU.get("truncated_rate").isNull()).isTrue();
		assertThat(rowU.get("accuracy_without_truncated").asDouble()).isCloseTo(0.5, within(1e-12));
		assertThat(rowU.get("time_per_task").get("runs").asInt()).isZero();
		assertThat(rowU.get("time_per_task").get("latency_p50_ms").isNull()).isTrue();
		assertThat(rowU.get("time_per_task").get("output_tokens_per_second").isNull()).isTrue();

		// the sweep's point: the same prompts, the same figure
		JsonNode point = get("/api/v1/scaling?model=" + enc(t) + "&dataset=" + this.dataset).json()
			.get("points")
			.get(0);
		assertThat(point.get("accuracy").asDouble()).isCloseTo(0.5, within(1e-12));
		assertThat(point.get("accuracy_without_truncated").asDouble()).isCloseTo(2.5 / 3, within(1e-12));

		// CSV of the leaderboard carries the new columns
		String csv = get("/api/v1/leaderboard?format=csv&dataset=" + this.dataset).body();
		assertThat(csv.lines().findFirst().orElse("")).contains("accuracy_without_truncated", "truncated_rate",
				"time_per_task.latency_p50_ms", "time_per_task.output_tokens_per_second");

		// the pages: beside the accuracy above 5 % truncated, time beside the cost
		String page = get("/?dataset=" + this.dataset).body();
		assertThat(row(page, t)).contains("83.3% without truncated", "1.88 s", "7.51 s", "100.0 tok/s");
		assertThat(row(page, u)).doesNotContain("without truncated", "tok/s");
		String model = get("/models/" + t + "?dataset=" + this.dataset).body();
		String sweep = model.substring(model.indexOf("id=\"sweep-table\""),
				model.indexOf("</table>", model.indexOf("id=\"sweep-table\"")));
		assertThat(sweep).contains("83.3% without truncated");
	}

	/** The SQL function that keeps the summary's buckets agrees with the Java one. */
	@Test
	void theDatabaseBucketsLatenciesAsTheCalculatorDoes() {
		List<Long> latencies = new ArrayList<>(List.of(0L, Long.MAX_VALUE));
		for (long edge : LatencyBuckets.edges()) {
			latencies.add(edge - 1);
			latencies.add(edge);
			latencies.add(edge + 1);
		}
		for (long ms : latencies) {
			assertThat(this.jdbc.sql("select latency_bucket(?)").param(ms).query(Integer.class).single())
				.as("bucket of %d ms", ms)
				.isEqualTo(LatencyBuckets.bucketOf(ms));
		}
	}

	private static JsonNode rowOf(JsonNode rows, String model) {
		for (JsonNode r : rows) {
			if (r.get("model").asString().equals(model)) {
				return r;
			}
		}
		throw new AssertionError("no row of " + model + " in " + rows);
	}

	/** The leaderboard row of a config, from its opening tag to its end. */
	private static String row(String html, String model) {
		int at = html.indexOf("data-model=\"" + model + "\"");
		assertThat(at).as("row of %s", model).isNotNegative();
		return html.substring(at, html.indexOf("</tr>", at));
	}

	private String line(String promptKey, String model, int sample, double score, String stopReason, Integer latency,
			int output) {
		StringBuilder line = new StringBuilder("""
				{"prompt_key":"%s","prompt_text":"Truncation question %s","category":"factual","model":"%s",\
				"sample":%d,"input_tokens":50,"output_tokens":%d,"score":%s,"cost_usd":0.001""".formatted(promptKey,
				promptKey, model, sample, output, score));
		if (stopReason != null) {
			line.append(",\"stop_reason\":\"").append(stopReason).append('"');
		}
		if (latency != null) {
			line.append(",\"latency_ms\":").append(latency);
		}
		return line.append('}').toString();
	}

	private JsonNode importLines(List<String> lines) {
		Http.Response response = this.maintainer.post("/api/v1/imports?dataset=" + this.dataset, "application/x-ndjson",
				String.join("\n", lines));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Http.Response get(String path) {
		return new Http(this.port).get(path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
