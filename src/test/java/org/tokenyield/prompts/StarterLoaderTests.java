package org.tokenyield.prompts;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader of starter/prompts.json on the real database: all 79 prompts arrive approved on the
 * first start and a second start adds nothing. Tests run with the loader off (so other tests see
 * no starter prompts); this one runs it by hand inside a transaction that is rolled back.
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
			.as("none left pending").isEqualTo(79);
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

}
