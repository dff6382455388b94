package org.tokenyield.prompts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.system.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loader of starter/prompts.json on the real database: all 79 prompts arrive approved
 * on the first start and a second start adds nothing; a file that cannot be read, or
 * whose prompts collide or carry an invalid rule, stops the start and loads none of them.
 * Tests run with the loader off (so other tests see no starter prompts); this one runs it
 * by hand inside a transaction that is rolled back.
 */
@IntegrationTest
@Transactional
class StarterLoaderTests {

	private static final Resource STARTER_FILE = new ClassPathResource("starter/prompts.json");

	@Autowired
	PromptService prompts;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	private long starters(String status) {
		return this.jdbc.sql("select count(*) from prompts where source = 'starter' and status = ?")
			.param(status)
			.query(Long.class)
			.single();
	}

	@Test
	void theStarterSetLoadsOnceApproved() throws Exception {
		assertThat(starters("APPROVED")).as("nothing loaded while app.starter-prompts=false").isZero();
		StarterPrompts loader = new StarterPrompts(this.prompts, this.json, true, STARTER_FILE);
		loader.run(null);
		assertThat(starters("APPROVED")).isEqualTo(79);
		assertThat(this.jdbc.sql("select count(*) from prompts where source = 'starter'").query(Long.class).single())
			.as("none left pending")
			.isEqualTo(79);
		assertThat(this.jdbc.sql("select count(*) from audit_log where action = 'STARTER_LOADED'")
			.query(Long.class)
			.single()).as("one audit entry each").isEqualTo(79);
		loader.run(null);
		assertThat(starters("APPROVED")).as("a second start adds nothing").isEqualTo(79);
	}

	@Test
	void aDisabledLoaderLoadsNothing() throws Exception {
		new StarterPrompts(this.prompts, this.json, false, STARTER_FILE).run(null);
		assertThat(starters("APPROVED")).isZero();
	}

	private static Resource file(String json) {
		return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String entry(String key, String text, String grader) {
		return """
				{"key":"%s","title":"T %s","text":"%s","category":"math","difficulty":"easy","grader":%s}"""
			.formatted(key, key, text, grader);
	}

	private long loadedKeys(String prefix) {
		return this.jdbc.sql("select count(*) from prompts where prompt_key like ?")
			.param(prefix + "%")
			.query(Long.class)
			.single();
	}

	@Test
	void aMissingFileLoadsNothingAndStopsNothing() throws Exception {
		new StarterPrompts(this.prompts, this.json, true, new ClassPathResource("starter/no-such-file.json")).run(null);
		assertThat(starters("APPROVED")).isZero();
	}

	@Test
	void anUnreadableFileStopsTheStartAndLoadsNothing() {
		StarterPrompts loader = new StarterPrompts(this.prompts, this.json, true, file(
				"[" + entry("bad-json", "What is 1+1?", "{\"type\":\"exact\",\"expected\":\"2\"}") + ", {\"key\":"));
		assertThatThrownBy(() -> loader.run(null)).isInstanceOf(JacksonException.class);
		assertThat(starters("APPROVED")).isZero();
	}

	/**
	 * Each of these runs in its own transaction (the test's would be aborted by the
	 * failure), which rolls back.
	 */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void aDuplicateTextRollsBackTheWholeSet() {
		String prefix = "dup-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		String exact = "{\"type\":\"exact\",\"expected\":\"4\"}";
		StarterPrompts loader = new StarterPrompts(this.prompts, this.json, true,
				file("[" + entry(prefix + "a", "What is 2+2? " + prefix, exact) + ","
						+ entry(prefix + "b", "What is 3+3? " + prefix, exact) + ","
						+ entry(prefix + "c", "WHAT IS 2+2?  " + prefix.toUpperCase(), exact) + "]"));
		assertThatThrownBy(() -> loader.run(null)).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(loadedKeys(prefix)).as("not even the prompts before the duplicate").isZero();
		assertThat(starters("APPROVED")).isZero();
	}

	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void anInvalidGradingRuleRollsBackTheWholeSet() {
		String prefix = "rule-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		StarterPrompts loader = new StarterPrompts(this.prompts, this.json, true,
				file("[" + entry(prefix + "a", "What is 5+5? " + prefix, "{\"type\":\"exact\",\"expected\":\"10\"}")
						+ "," + entry(prefix + "b", "Name a prime. " + prefix, "{\"type\":\"regex\",\"pattern\":\"(\"}")
						+ "]"));
		assertThatThrownBy(() -> loader.run(null)).isInstanceOf(InvalidInputException.class);
		assertThat(loadedKeys(prefix)).isZero();
	}

}
