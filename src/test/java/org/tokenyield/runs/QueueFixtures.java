package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tokenyield.runs.queue.RunQueue;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Test data written straight to the tables, so that no approval or catalog event queues
 * runs on versions other tests own (all integration tests share one PostgreSQL).
 */
final class QueueFixtures {

	static final String EXACT_42 = "{\"type\":\"exact\",\"expected\":\"42\"}";

	private final JdbcClient jdbc;

	QueueFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long prompt(String text, String grader) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at)
				values (?, ?, ?, 'queue-test', ?, 'APPROVED', now()) returning id""")
			.params("Queue test", text, UUID.randomUUID().toString().replace("-", ""), grader)
			.query(Long.class)
			.single();
	}

	long model(String key, String provider, String inputPerMtok, String outputPerMtok) {
		long id = this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, 'queue-test', ?, ?, array['default'], 1) returning id""")
			.params(key, provider, key.substring(key.indexOf('/') + 1))
			.query(Long.class)
			.single();
		this.jdbc
			.sql("""
					insert into model_prices (model_id, effective_from, input_per_mtok, cached_input_per_mtok, output_per_mtok)
					values (?, date '2000-01-01', ?, 0, ?)""")
			.params(id, new BigDecimal(inputPerMtok), new BigDecimal(outputPerMtok))
			.update();
		return id;
	}

	/**
	 * The judge {@code fake/judge-1} ($1 per MTok of input and of output), created by the
	 * first test that needs it: every test class shares one database and one judge.
	 */
	void judge() {
		boolean exists = this.jdbc.sql("select count(*) from model_versions where model_key = 'fake/judge-1'")
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			model("fake/judge-1", "fake", "1.00", "1.00");
		}
	}

	/**
	 * A manual plan of every given prompt on every given version, one sample of the
	 * default setting.
	 */
	long plan(RunQueue queue, List<Long> prompts, List<Long> models) {
		long plan = queue.newPlan(PlanTrigger.MANUAL, "queue test", null);
		queue.enqueue(plan, "plan:" + plan, prompts, models, List.of("default"), 1);
		return plan;
	}

	Map<String, Object> run(long planId, long promptId) {
		return this.jdbc.sql("select * from runs where plan_id = ? and prompt_id = ?")
			.params(planId, promptId)
			.query()
			.singleRow();
	}

	List<Map<String, Object>> attempts(long runId) {
		return this.jdbc.sql("select * from run_attempts where run_id = ? order by attempt")
			.param(runId)
			.query()
			.listOfRows();
	}

	long unfinished(long planId) {
		return this.jdbc.sql("select count(*) from runs where plan_id = ? and status in ('QUEUED', 'RUNNING')")
			.param(planId)
			.query(Long.class)
			.single();
	}

	void awaitDone(long planId, Duration timeout) {
		await("plan " + planId + " done").atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(unfinished(planId)).as("unfinished runs of plan " + planId).isZero());
	}

	/** Keeps later approvals (other tests) from queueing runs on a test's versions. */
	void retire(List<Long> models) {
		this.jdbc.sql("update model_versions set active = false where id = any(?)")
			.param(models.toArray(Long[]::new))
			.update();
	}

}
