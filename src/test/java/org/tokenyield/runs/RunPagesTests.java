package org.tokenyield.runs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenyield.runs.queue.RunQueue;
import org.tokenyield.runs.status.RunListQuery;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run page and bundle, the admin pages, the plan estimate, and keys that never show.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunPagesTests extends FakeProviderContext {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Autowired
	RunSchedules schedules;

	@Autowired
	RunListQuery runList;

	@Autowired
	PlatformTransactionManager transactions;

	final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(String path, boolean admin) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (admin) {
			b.header("Authorization", basic());
		}
		return this.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", basic())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic() {
		return "Basic "
				+ Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void keysNeverAppearInPagesApiResponsesOrLogs(CapturedOutput output) throws Exception {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("keyed/m-" + tag, "keyed", "1", "1");
		long prompt = fixtures.prompt("What is 6 x 7? [[s:bad400]] " + tag, QueueFixtures.EXACT_42);
		long ok = fixtures.prompt("What is 6 x 7? " + tag, QueueFixtures.EXACT_42);
		long plan = fixtures.plan(this.queue, List.of(prompt, ok), List.of(model));
		fixtures.awaitDone(plan, Duration.ofSeconds(20));
		fixtures.retire(List.of(model));
		assertThat(provider.authorizations).as("the key was sent, so it could leak").contains("Bearer " + SECRET);

		long runId = (Long) fixtures.run(plan, ok).get("id");
		long failedId = (Long) fixtures.run(plan, prompt).get("id");
		for (String path : List.of("/admin/providers", "/admin/models", "/admin/runs", "/api/v1/models",
				"/runs/" + runId, "/runs/" + failedId, "/api/v1/runs/" + runId + "/bundle",
				"/api/v1/runs/" + failedId + "/bundle", "/api/v1/runs?size=1000", "/actuator/health")) {
			HttpResponse<String> response = get(path, true);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).doesNotContain(SECRET).doesNotContain("NEVER-SHOWN");
		}
		assertThat(output.getAll()).doesNotContain("NEVER-SHOWN");
	}

	@Test
	void theRunPageAndBundleShowWhatWasSentAndReceivedAndEveryAttempt() throws Exception {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("fake/page-" + tag, "fake", "1", "2");
		long prompt = fixtures.prompt("What is 6 x 7? [[s:r429]] <b>" + tag + "</b>", QueueFixtures.EXACT_42);
		long plan = fixtures.plan(this.queue, List.of(prompt), List.of(model));
		fixtures.awaitDone(plan, Duration.ofSeconds(20));
		fixtures.retire(List.of(model));
		long runId = (Long) fixtures.run(plan, prompt).get("id");

		HttpResponse<String> bundle = get("/api/v1/runs/" + runId + "/bundle", false);
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.body()).contains("\"request_body\"")
			.contains("\"raw_body\"")
			.contains("chatcmpl-x")
			.contains("x-ratelimit-remaining-requests")
			.contains("\"outcome\":\"RETRYABLE\"")
			.contains("\"http_status\":429")
			.contains("\"outcome\":\"SUCCEEDED\"");

		HttpResponse<String> page = get("/runs/" + runId, false);
		assertThat(page.statusCode()).as("public: the run is not simulated").isEqualTo(200);
		assertThat(page.body()).contains("Reproduction bundle")
			.contains("Rate limit reached")
			.doesNotContain("<b>" + tag)
			.contains("&lt;b&gt;" + tag);
	}

	/**
	 * The queue's totals on /admin/runs count the runs of plans: imported runs never
	 * queue (and at 10M of them a count over all of runs took 1.5 s per view).
	 */
	@Test
	void theQueueTotalsCountPlanRunsNotImportedOnes() {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("fake/totals-" + tag, "fake", "1", "2");
		long prompt = fixtures.prompt("totals " + tag, QueueFixtures.EXACT_42);
		for (int i = 0; i < 3; i++) {
			this.jdbc
				.sql("""
						insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, finished_at)
						values (?, ?, ?, 'default', ?, 'SUCCEEDED', 'imported-totals', now())""")
				.params("totals-" + tag + "-" + i, prompt, model, i)
				.update();
		}
		// one snapshot for the totals and the counts they are checked against, while
		// other tests' workers finish runs
		TransactionTemplate snapshot = new TransactionTemplate(this.transactions);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		snapshot.executeWithoutResult(status -> {
			RunService.QueueTotals totals = this.runList.totals();
			long succeeded = this.jdbc.sql("select count(*) from runs where status = 'SUCCEEDED'")
				.query(Long.class)
				.single();
			long withoutPlan = this.jdbc.sql("select count(*) from runs where status = 'SUCCEEDED' and plan_id is null")
				.query(Long.class)
				.single();
			assertThat(withoutPlan).isGreaterThanOrEqualTo(3);
			assertThat(totals.succeeded()).isEqualTo(succeeded - withoutPlan);
		});
	}

	@Test
	void aPlanIsEstimatedBeforeItIsQueued() throws Exception {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		fixtures.model("fake/est-" + tag, "fake", "1", "2");
		this.jdbc.sql("update model_versions set active = false where model_key = ?").param("fake/est-" + tag).update();
		this.jdbc.sql("update model_versions set active = true where model_key = ?").param("fake/est-" + tag).update();
		long prompt = fixtures.prompt("x".repeat(400) + tag, QueueFixtures.EXACT_42);
		long before = this.jdbc.sql("select count(*) from runs").query(Long.class).single();
		HttpResponse<String> estimate = post("/api/v1/plans?dry_run=true",
				"{\"models\":[\"fake/est-" + tag + "\"],\"prompts\":[" + prompt + "],\"samples\":2}");
		this.jdbc.sql("update model_versions set active = false where model_key = ?").param("fake/est-" + tag).update();
		assertThat(estimate.statusCode()).as(estimate.body()).isEqualTo(200);
		// 2 runs; worst case per run: (408 + 64) bytes at $1/M + 4096 output at $2/M =
		// 0.008664
		assertThat(estimate.body()).contains("\"runs\":2").contains("\"worst_case_cost_usd\":0.017328");
		assertThat(this.jdbc.sql("select count(*) from runs").query(Long.class).single()).as("nothing queued")
			.isEqualTo(before);
	}

	@Test
	void anEffortPlanPreviewCountsTheEffortAllowanceInTheWorstCase() throws Exception {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		fixtures.model("fake/effort-" + tag, "fake", "1", "2");
		long prompt = fixtures.prompt("x".repeat(400) + tag, QueueFixtures.EXACT_42);
		HttpResponse<String> estimate = post("/api/v1/plans?dry_run=true", "{\"models\":[\"fake/effort-" + tag
				+ "\"],\"prompts\":[" + prompt + "],\"settings\":[\"effort:high\"],\"samples\":2}");
		this.jdbc.sql("update model_versions set active = false where model_key = ?")
			.param("fake/effort-" + tag)
			.update();
		assertThat(estimate.statusCode()).as(estimate.body()).isEqualTo(200);
		// worst case per run: (408 + 64) bytes at $1/M + (4096 answer + 32768 effort
		// allowance)
		// output at $2/M = 0.074200; without the allowance it would be 0.008664
		assertThat(estimate.body()).contains("\"runs\":2")
			.contains("\"setting\":\"effort:high\"")
			.contains("\"worst_case_cost_usd\":0.148400");
		// with no history the expected output is the same cap: (408 / 4) at $1/M + 36864
		// at $2/M
		assertThat(estimate.body()).contains("\"expected_cost_usd\":0.147660");
	}

	@Test
	void aScheduleQueuesEachPeriodOnce() {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("broke/sched-" + tag, "broke", "1", "2");
		long id = this.schedules.create("broke/sched-" + tag, 7, List.of("default"), 1, null);
		this.schedules.queueDue();
		this.schedules.queueDue();
		Map<String, Object> s = this.jdbc.sql("select * from run_schedules where id = ?").param(id).query().singleRow();
		assertThat(s.get("last_plan_id")).isNotNull();
		long plans = this.jdbc.sql("select count(distinct plan_id) from runs where idempotency_key like ?")
			.param("schedule:" + id + ":%")
			.query(Long.class)
			.single();
		assertThat(plans).isLessThanOrEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from run_plans where description like ?")
			.param("Schedule #" + id + ":%")
			.query(Long.class)
			.single()).isEqualTo(1);
		this.schedules.setActive(id, false);
		fixtures.retire(List.of(model));
	}

}
