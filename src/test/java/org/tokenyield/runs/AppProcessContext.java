package org.tokenyield.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tokenyield.IntegrationTest;
import org.tokenyield.runs.queue.RunQueue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests that start the application as child processes ({@link AppProcess})
 * share: the test's PostgreSQL for the children, a plan on a provider only the children
 * configure (so the instance in this JVM never claims its runs), the children's worker
 * settings, and counts of the plan's runs by status.
 */
@IntegrationTest
abstract class AppProcessContext {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Autowired
	Environment environment;

	/** A plan and the unique prompt text of each of its prompts, by prompt id. */
	record Plan(long id, long model, Map<Long, String> texts) {
	}

	/** The database the child processes share with this test. */
	String databaseUrl() {
		return this.environment.getProperty("spring.datasource.url");
	}

	/**
	 * A plan of {@code runs} prompts on a new model of {@code providerName}; each
	 * prompt's text is unique, so calls are counted per run.
	 */
	Plan plan(String providerName, String label, int runs) {
		QueueFixtures fixtures = fixtures();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model(providerName + "/m-" + tag, providerName, "1.00", "2.00");
		Map<Long, String> texts = new HashMap<>();
		for (int i = 0; i < runs; i++) {
			String text = "What is 6 x 7? " + label + " " + i + " " + tag;
			texts.put(fixtures.prompt(text, QueueFixtures.EXACT_42), text);
		}
		long plan = fixtures.plan(this.queue, new ArrayList<>(texts.keySet()), List.of(model));
		return new Plan(plan, model, texts);
	}

	/**
	 * The child's settings: {@code providerName} at {@code baseUrl}, four workers polling
	 * every 0.2 s from the start, with the given lease and any {@code more}.
	 */
	static List<String> childProperties(String providerName, String baseUrl, Duration lease, String... more) {
		List<String> properties = new ArrayList<>(List.of(
				"app.providers.compat." + providerName + ".base-url=" + baseUrl, "app.runs.worker.concurrency=4",
				"app.runs.worker.lease=" + lease, "app.runs.worker.poll=PT0.2S", "app.runs.worker.initial-delay=PT0S"));
		properties.addAll(List.of(more));
		return properties;
	}

	long count(long plan, String status) {
		return this.jdbc.sql("select count(*) from runs where plan_id = ? and status = ?")
			.params(plan, status)
			.query(Long.class)
			.single();
	}

	QueueFixtures fixtures() {
		return new QueueFixtures(this.jdbc);
	}

}
