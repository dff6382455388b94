package org.tokenyield.imports;

import java.time.Duration;
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
 * JSONL import: bad lines rejected with their number and reason, good ones kept, twice
 * adds nothing.
 */
@IntegrationTest
class ImportTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http maintainer;

	String tag;

	@BeforeEach
	void setUp() {
		Http http = new Http(this.port);
		this.maintainer = Accounts.maintainer(http, Accounts.uniqueName("importer"));
		this.tag = UUID.randomUUID().toString().substring(0, 8);
	}

	private String line(String promptKey, String model, int sample, long output, double score) {
		return """
				{"prompt_key":"%s","prompt_text":"Imported question %s","category":"math","model":"%s","setting":"thinking:2048","sample":%d,"input_tokens":120,"output_tokens":%d,"reasoning_tokens":%d,"score":%s,"latency_ms":900,"cost_usd":0.0021,"finished_at":"2026-11-20T10:00:00Z"}"""
			.formatted(promptKey, promptKey, model, sample, output, output / 2, score);
	}

	@Test
	void goodLinesAreKeptBadLinesAreNamedAndASecondImportAddsNothing() {
		String model = "harness/model-" + this.tag;
		String body = String.join("\n", line("p1-" + this.tag, model, 0, 400, 1.0), // 1
				"{not json", // 2
				line("p1-" + this.tag, model, 1, 600, 0.0), // 3
				"{\"prompt_key\":\"p2-" + this.tag + "\",\"model\":\"" + model + "\",\"output_tokens\":-5}", // 4
				"", // 5 (blank lines are skipped)
				line("p2-" + this.tag, model, 0, 300, 1.0), // 6
				"{\"prompt_key\":\"p3-" + this.tag + "\",\"model\":\"" + model
						+ "\",\"output_tokens\":10,\"reasoning_tokens\":20}", // 7
				"{\"prompt_key\":\"p4-" + this.tag + "\",\"model\":\"" + model
						+ "\",\"output_tokens\":10,\"score\":1.5}", // 8
				"{\"prompt_key\":\"p5-" + this.tag + "\",\"model\":\"no slash\",\"output_tokens\":10}", // 9
				"{\"prompt_key\":\"p6-" + this.tag + "\",\"model\":\"" + model + "\",\"output_tokens\":10}"); // 10
		String dataset = "harness-" + this.tag;
		var first = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson", body);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode result = first.json();
		assertThat(result.get("accepted").asInt()).isEqualTo(3);
		assertThat(result.get("added").asInt()).isEqualTo(3);
		JsonNode rejected = result.get("rejected");
		assertThat(rejected).hasSize(6);
		assertThat(rejected.get(0).get("line").asInt()).isEqualTo(2);
		assertThat(rejected.get(0).get("error").asString()).contains("JSON");
		assertThat(rejected.get(1).get("line").asInt()).isEqualTo(4);
		assertThat(rejected.get(1).get("error").asString()).contains("output_tokens");
		assertThat(rejected.get(2).get("line").asInt()).isEqualTo(7);
		assertThat(rejected.get(2).get("error").asString()).contains("reasoning_tokens");
		assertThat(rejected.get(3).get("line").asInt()).isEqualTo(8);
		assertThat(rejected.get(3).get("error").asString()).contains("score");
		assertThat(rejected.get(4).get("line").asInt()).isEqualTo(9);
		assertThat(rejected.get(4).get("error").asString()).contains("model");
		// an unknown prompt key without text cannot create a prompt
		assertThat(rejected.get(5).get("line").asInt()).isEqualTo(10);
		assertThat(rejected.get(5).get("error").asString()).contains("prompt_text");

		var second = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson", body);
		assertThat(second.json().get("accepted").asInt()).isEqualTo(3);
		assertThat(second.json().get("added").asInt()).isZero();
		assertThat(
				this.jdbc.sql("select count(*) from runs where dataset = ?").param(dataset).query(Long.class).single())
			.isEqualTo(3);

		// the unknown model was created as external, with the imported setting
		JsonNode models = new Http(this.port).get("/api/v1/models").json();
		JsonNode created = null;
		for (JsonNode m : models) {
			if (model.equals(m.get("key").asString())) {
				created = m;
			}
		}
		assertThat(created).isNotNull();
		assertThat(created.get("provider").asString()).isEqualTo("external");
		assertThat(created.get("settings").toString()).contains("thinking:2048");

		// dataset= filters the figures: this dataset's row only carries the imported runs
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode board = new Http(this.port).get("/api/v1/leaderboard?setting=thinking:2048&dataset=" + dataset)
				.json();
			assertThat(board.get("rows")).hasSize(1);
			JsonNode row = board.get("rows").get(0);
			assertThat(row.get("model").asString()).isEqualTo(model);
			assertThat(row.get("prompts").asInt()).isEqualTo(2);
			// p1: mean of 1 and 0 = 0.5; p2: 1 → accuracy (0.5 + 1) / 2
			assertThat(row.get("accuracy").get("value").asDouble()).isEqualTo(0.75);
			// p1: mean of 400 and 600 = 500; p2: 300 → (500 + 300) / 2
			assertThat(row.get("tokens").get("generated").asDouble()).isEqualTo(400.0);
			assertThat(new Http(this.port).get("/api/v1/leaderboard?dataset=nothing-" + this.tag).json().get("rows"))
				.isEmpty();
		});
	}

	/**
	 * The same import through the maintainers' page: a signed-in browser session, CSRF, a
	 * multipart upload.
	 */
	@Test
	void maintainersImportAFileThroughTheirPage() throws Exception {
		String username = Accounts.uniqueName("pageimporter");
		Accounts.maintainer(new Http(this.port), username);
		var client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String base = "http://localhost:" + this.port;
		String login = client
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		String form = "username=" + username + "&password=correct-horse-1&_csrf=" + csrf(login);
		var signedIn = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String page = client
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/moderation/import")).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		String action = page.replaceAll("(?s).*action=\"([^\"]*moderation/import[^\"]*)\".*", "$1")
			.replace("&amp;", "&");
		// the CSRF token rides in the body, never in a URL (logs, Referer)
		assertThat(action).doesNotContain("_csrf");

		String model = "harness/page-" + this.tag;
		String file = line("page-p1-" + this.tag, model, 0, 400, 1.0) + "\n{broken\n";
		String boundary = "----ty" + this.tag;
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(page)
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\npage-" + this.tag
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"runs.jsonl\"\r\n"
				+ "Content-Type: application/x-ndjson\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
		var uploaded = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + action))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		// first what would be imported, nothing written
		assertThat(uploaded.body()).contains("id=\"import-preview\"", "<strong>1</strong> runs accepted",
				"not valid JSON", "harness/page-" + this.tag);
		assertThat(uploaded.body()).doesNotContain("id=\"import-result\"");
		assertThat(this.jdbc.sql("select count(*) from runs where dataset = ?")
			.param("page-" + this.tag)
			.query(Long.class)
			.single()).isZero();
		String preview = uploaded.body();
		String confirmForm = preview.replaceAll("(?s).*(<form[^>]*id=\"confirm-import\".*?</form>).*", "$1");
		StringBuilder fields = new StringBuilder();
		java.util.regex.Matcher hidden = java.util.regex.Pattern
			.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
			.matcher(confirmForm);
		while (hidden.find()) {
			fields.append(fields.isEmpty() ? "" : "&")
				.append(hidden.group(1))
				.append('=')
				.append(java.net.URLEncoder.encode(hidden.group(2).replace("&amp;", "&"),
						java.nio.charset.StandardCharsets.UTF_8));
		}
		assertThat(fields.toString()).contains("upload=", "_csrf=", "format=jsonl");
		var confirmed = client
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/moderation/import/confirm"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(fields.toString()))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.body()).contains("id=\"import-result\"", "<strong>1</strong> new runs", "not valid JSON");
		assertThat(this.jdbc.sql("select count(*) from runs where dataset = ?")
			.param("page-" + this.tag)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private static String csrf(String html) {
		return html.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]*)\".*", "$1");
	}

	/**
	 * Runs stored before migration V26 (which made the unique index a hash of the key)
	 * keep their key's text: a line imported then is still recognised.
	 */
	@Test
	void aRunStoredUnderTheLinesKeyBeforeIsNotAddedAgain() {
		String model = "harness/before-" + this.tag;
		String dataset = "before-" + this.tag;
		String promptKey = "before-p1-" + this.tag;
		var first = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson",
				line(promptKey, model, 0, 400, 1.0));
		assertThat(first.json().get("added").asInt()).as(first.toString()).isEqualTo(1);
		// sample 1 as an earlier import stored it: the key's text is all there was
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset,
				                  output_tokens, finished_at)
				select 'import:' || r.dataset || ':' || ? || ':' || ? || ':thinking:2048:1:2026-11-20T10:00:00Z',
				       r.prompt_id, r.model_id, r.setting, 1, 'SUCCEEDED', r.dataset, 777, r.finished_at
				  from runs r where r.dataset = ?""").param(promptKey).param(model).param(dataset).update();
		String both = line(promptKey, model, 1, 600, 0.0) + "\n" + line(promptKey, model, 2, 500, 1.0);
		var again = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson", both);
		assertThat(again.json().get("accepted").asInt()).as(again.toString()).isEqualTo(2);
		assertThat(again.json().get("added").asInt()).isEqualTo(1);
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
		assertThat(this.jdbc.sql("select output_tokens from runs where dataset = ? order by sample")
			.param(dataset)
			.query(Long.class)
			.list()).containsExactly(400L, 777L, 500L);
	}

	/**
	 * A line whose text is that of a prompt still waiting for moderation, or whose key is
	 * a retired prompt's, is refused with its reason: its run would hang on a prompt that
	 * is not in the benchmark (and a pending one's runs would show before anyone approved
	 * it). Once the prompt is approved, the same line is imported onto it.
	 */
	@Test
	void aLineMatchingAPromptThatIsNotApprovedIsRejectedUntilItIsApproved() {
		Http member = Accounts.member(new Http(this.port), Accounts.uniqueName("submitter"));
		String text = "Pending question " + this.tag;
		var submitted = member.post("/api/v1/prompts", Http.toJson(java.util.Map.of("title", "Pending " + this.tag,
				"text", text, "category", "math", "grader", java.util.Map.of("type", "exact", "expected", "42"))));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		long pending = submitted.json().get("id").asLong();
		String retiredKey = "retired-" + this.tag;
		this.jdbc.sql("""
				insert into prompts (prompt_key, title, text, text_hash, category, grader, status, approved_at, source)
				values (?, 'retired', ?, ?, 'math', '{"type":"exact","expected":"42"}', 'RETIRED', now(), 'test')""")
			.params(retiredKey, "Retired question " + this.tag, UUID.randomUUID().toString().replace("-", ""))
			.update();
		String model = "harness/pending-" + this.tag;
		String dataset = "pending-" + this.tag;
		String byText = """
				{"prompt_key":"pending-p-%s","prompt_text":"%s","category":"math","model":"%s","setting":"default","sample":0,"input_tokens":12,"output_tokens":34,"score":1.0,"finished_at":"2026-11-20T10:00:00Z"}"""
			.formatted(this.tag, text, model);
		String byKey = line(retiredKey, model, 0, 400, 1.0);

		var first = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson",
				byText + "\n" + byKey);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().get("accepted").asInt()).as(first.toString()).isZero();
		JsonNode rejected = first.json().get("rejected");
		assertThat(rejected).hasSize(2);
		assertThat(rejected.get(0).get("line").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).get("error").asString()).contains("prompt_text", "#" + pending, "not approved");
		assertThat(rejected.get(1).get("line").asInt()).isEqualTo(2);
		assertThat(rejected.get(1).get("error").asString()).contains("prompt_key", "not approved");
		assertThat(
				this.jdbc.sql("select count(*) from runs where dataset = ?").param(dataset).query(Long.class).single())
			.isZero();

		assertThat(this.maintainer.post("/api/v1/prompts/" + pending + "/approve", "").status()).isEqualTo(200);
		var second = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson", byText);
		assertThat(second.json().get("added").asInt()).as(second.toString()).isOne();
		assertThat(
				this.jdbc.sql("select prompt_id from runs where dataset = ?").param(dataset).query(Long.class).single())
			.isEqualTo(pending);
	}

	/**
	 * New prompts of one import are looked up together before any is created: two new
	 * keys with the same text make one prompt, and a key seen again finds the prompt its
	 * first line created.
	 */
	@Test
	void newKeysWithTheSameTextInOneImportMakeOnePrompt() {
		String model = "harness/same-text-" + this.tag;
		String dataset = "same-text-" + this.tag;
		String text = "Same question " + this.tag;
		String first = """
				{"prompt_key":"same-a-%s","prompt_text":"%s","category":"math","model":"%s","setting":"default","sample":0,"output_tokens":30,"score":1.0,"finished_at":"2026-11-20T10:00:00Z"}"""
			.formatted(this.tag, text, model);
		String second = first.replace("same-a-", "same-b-");
		String again = first.replace("\"sample\":0", "\"sample\":1");
		var result = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson",
				String.join("\n", first, second, again, line("other-" + this.tag, model, 0, 50, 0.0)));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("added").asInt()).as(result.toString()).isEqualTo(4);
		assertThat(this.jdbc.sql("select count(distinct prompt_id) from runs where dataset = ?")
			.param(dataset)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from prompts where text = ? and status = 'APPROVED'")
			.param(text)
			.query(Long.class)
			.single()).isOne();
		// stored as the entity would store it, and served as any prompt
		long id = this.jdbc.sql("select id from prompts where text = ?").param(text).query(Long.class).single();
		JsonNode prompt = new Http(this.port).get("/api/v1/prompts/" + id).json();
		assertThat(prompt.get("title").asString()).isEqualTo(text);
		assertThat(prompt.get("status").asString()).isEqualToIgnoringCase("approved");
		assertThat(prompt.get("category").asString()).isEqualTo("math");
		assertThat(this.jdbc.sql("""
				select source || ' ' || (approved_at is not null) || ' ' || (grader::jsonb ->> 'type') || ' ' || version
				  from prompts where id = ?""").param(id).query(String.class).single())
			.isEqualTo(dataset + " true judge 0");
		assertThat(this.jdbc.sql("select count(*) from audit_log where action = 'IMPORTED' and detail = ?")
			.param("dataset " + dataset)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	/**
	 * An import grows prompts faster than autovacuum analyzes them, and a plan kept from
	 * a small table made each lookup a scan (docs/benchmark.md, "the prompts of an
	 * import"): storing as many prompts as the table held analyzes it.
	 */
	@Test
	void anImportThatDoublesThePromptsAnalyzesThem() {
		long analyzed = manualAnalyses();
		long held = this.jdbc.sql("select count(*) from prompts").query(Long.class).single();
		String model = "harness/grow-" + this.tag;
		String body = java.util.stream.IntStream.rangeClosed(0, (int) Math.max(1_000, held))
			.mapToObj(i -> line("grow-" + i + "-" + this.tag, model, 0, 10, 1.0))
			.collect(java.util.stream.Collectors.joining("\n"));
		var result = this.maintainer.post("/api/v1/imports?dataset=grow-" + this.tag, "application/x-ndjson", body);
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("new_prompts").asInt()).isEqualTo((int) Math.max(1_000, held) + 1);
		// the statistics collector reports a moment later
		await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses() > analyzed);
	}

	/**
	 * Four batches of 10,000, two written at once (docs/imports.md, "Batches in flight"),
	 * with one line's key again in the first line of the second batch: each run stored
	 * once, every batch counted, the summary kept by both writers.
	 */
	@Test
	void batchesWrittenAtOnceStoreEachRunOnceAndCountEveryBatch() {
		String model = "harness/batches-" + this.tag;
		java.util.List<String> lines = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 35_000)
			.mapToObj(i -> line("batch-" + (i % 50) + "-" + this.tag, model, i / 50, 10 + i % 7, i % 3 == 0 ? 1 : 0))
			.toList());
		lines.add(10_000, lines.get(0));
		String body = String.join("\n", lines);
		String dataset = "batches-" + this.tag;
		var first = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson", body);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().get("accepted").asInt()).isEqualTo(35_001);
		assertThat(first.json().get("added").asInt()).isEqualTo(35_000);
		assertThat(
				this.jdbc.sql("select count(*) from runs where dataset = ?").param(dataset).query(Long.class).single())
			.isEqualTo(35_000);
		assertThat(this.jdbc
			.sql("""
					select sum(runs) || ' ' || sum(correct) || ' ' || count(*) from config_prompt_stats where dataset = ?""")
			.param(dataset)
			.query(String.class)
			.single()).isEqualTo("35000 11667 50");

		var again = this.maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson", body);
		assertThat(again.json().get("added").asInt()).isZero();
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(35_001);
	}

	private long manualAnalyses() {
		return this.jdbc.sql("select analyze_count from pg_stat_user_tables where relname = 'prompts'")
			.query(Long.class)
			.single();
	}

	@Test
	void aLongModelNameWithinTheKeyLimitIsAccepted() {
		String model = "h/" + "m".repeat(150) + this.tag;
		var result = this.maintainer.post("/api/v1/imports?dataset=long-" + this.tag, "application/x-ndjson",
				line("long-p1-" + this.tag, model.substring(0, 160), 0, 100, 1.0));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("added").asInt()).isEqualTo(1);
	}

	@Test
	void aDatasetIsRequiredAndLiveIsReserved() {
		assertThat(this.maintainer.post("/api/v1/imports", "application/x-ndjson", "{}").status()).isEqualTo(400);
		var live = this.maintainer.post("/api/v1/imports?dataset=live", "application/x-ndjson", "{}");
		assertThat(live.status()).isEqualTo(400);
		assertThat(live.json().get("detail").asString()).contains("live");
	}

}
