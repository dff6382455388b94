package org.tokenyield.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tokenyield.exports.ExportService.ExportSnapshot;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exports module with the modules it depends on (analytics, whose calculations
 * recompute the figures, and system) on the shared embedded PostgreSQL, without the run
 * queue or the web pages: a day's snapshot is taken from the runs stored, kept, and
 * served back with the hashes it lists. The day is one of 1999, after every day
 * {@code ExportIntegrationTests} snapshots (snapshots are cumulative) and before any run
 * another test writes.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the run worker, which belongs to a module not started here
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class ExportsModuleTests {

	/**
	 * A stored snapshot never changes: each test (and a rerun) takes a day of its own.
	 */
	private static final AtomicInteger DAYS = new AtomicInteger();

	@Autowired
	ExportService exports;

	@Autowired
	SimulatedVisibility visibility;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final LocalDate day = LocalDate.of(1999, 6, 1).plusDays(DAYS.getAndIncrement());

	@Test
	void aSnapshotCarriesTheStoredRunsOfTheDayAndLabelsSimulatedOnes() {
		assertThat(this.visibility.showsSimulated()).as("the embedded test database is a demo instance").isTrue();
		String real = "external/exports-module-" + this.tag;
		String simulated = "external/exports-module-sim-" + this.tag;
		long realId = model(real, false);
		long simulatedId = model(simulated, true);
		long prompt = prompt();
		Instant noon = this.day.atStartOfDay(ZoneOffset.UTC).plusSeconds(12 * 3600).toInstant();
		long first = run(realId, prompt, 0, 40, 1.0, noon);
		long second = run(realId, prompt, 1, 60, 0.0, noon.plusSeconds(1));
		long fake = run(simulatedId, prompt, 0, 70, 1.0, noon.plusSeconds(2));
		// finished after midnight: the next day's snapshot
		long late = run(realId, prompt, 2, 80, 1.0, noon.plusSeconds(12 * 3600));

		ExportSnapshot taken = this.exports.snapshot(this.day).orElseThrow();

		assertThat(taken.cutoff()).isEqualTo(this.day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		assertThat(taken.demo()).isTrue();
		List<JsonNode> mine = Arrays.stream(text("runs.jsonl").split("\n"))
			.map(this.json::readTree)
			.filter(r -> r.get("model").asString().contains(this.tag))
			.toList();
		assertThat(mine).extracting(r -> r.get("id").asLong()).containsExactly(first, second, fake);
		assertThat(mine).extracting(r -> r.get("simulated").asBoolean()).containsExactly(false, false, true);
		assertThat(mine.get(1).get("output_tokens").asLong()).isEqualTo(60);
		assertThat(mine.get(1).get("score").asDouble()).isZero();
		assertThat(text("runs.csv").lines().filter(l -> l.startsWith(fake + ","))).singleElement()
			.asString()
			.contains("," + simulated + ",default,0," + prompt + ",math,true,");
		assertThat(text("runs.jsonl")).doesNotContain("\"id\":" + late + ",");

		JsonNode realFigure = figure(real);
		assertThat(realFigure.get("simulated").asBoolean()).isFalse();
		assertThat(realFigure.get("generated").asDouble()).isEqualTo(50.0);
		assertThat(realFigure.get("accuracy").get("value").asDouble()).isEqualTo(0.5);
		assertThat(figure(simulated).get("simulated").asBoolean()).isTrue();

		// every listed file is served with the bytes its hash names, and taking the day
		// again returns the same snapshot
		assertThat(taken.files()).extracting(ExportService.ExportFile::name)
			.containsExactly("figures.json", "runs.csv", "runs.jsonl");
		taken.files()
			.forEach(f -> assertThat(SnapshotBuilder.sha256(content(f.name()))).as(f.name()).isEqualTo(f.sha256()));
		assertThat(this.exports.snapshot(this.day).orElseThrow().sha256()).isEqualTo(taken.sha256());
		assertThat(this.exports.list()).extracting(ExportSnapshot::date).contains(this.day);
	}

	private String text(String name) {
		return new String(content(name), StandardCharsets.UTF_8);
	}

	private byte[] content(String name) {
		try (InputStream in = this.exports.file(this.day, name).orElseThrow().content().open()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private JsonNode figure(String model) {
		for (JsonNode f : this.json.readTree(content("figures.json"))) {
			if (f.get("model").asString().equals(model)) {
				return f;
			}
		}
		throw new AssertionError("no figure of " + model);
	}

	private long model(String key, boolean simulated) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, simulated, active)
				values (?, 'exports-module', 'external', ?, array['default'], ?, false) returning id""")
			.params(key, key.substring(key.indexOf('/') + 1), simulated)
			.query(Long.class)
			.single();
	}

	private long prompt() {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values ('exports module', ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test')
				returning id""")
			.params("exports module prompt " + this.tag, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
	}

	private long run(long model, long prompt, int sample, long output, double score, Instant finished) {
		return this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, simulated,
				                  input_tokens, output_tokens, cost_usd, score, finish_reason, finished_at)
				select ?, ?, id, 'default', ?, 'SUCCEEDED', 'live', simulated, 10, ?, 0.001, ?, 'stop', ?
				  from model_versions where id = ? returning id""")
			.params("exports-module-" + this.tag + "-" + model + "-" + sample, prompt, sample, output, score,
					Timestamp.from(finished), model)
			.query(Long.class)
			.single();
	}

}
