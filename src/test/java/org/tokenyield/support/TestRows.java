package org.tokenyield.support;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A version and an approved prompt written straight to their tables, for tests of what
 * PostgreSQL does with runs (their references, transitions and summary marks) that need
 * no catalog or moderation event: no plan queues runs on them. Keys and texts come from
 * the caller, unique to its test (every test shares one database).
 */
public final class TestRows {

	private TestRows() {
	}

	/**
	 * A version of the default setting only, one sample; its API model is its key's name.
	 */
	public static long version(JdbcClient jdbc, String family, String key) {
		return jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, ?, 'external', ?, '{default}', 1) returning id""")
			.params(key, family, key.substring(key.indexOf('/') + 1))
			.query(Long.class)
			.single();
	}

	/** An approved math prompt, graded exactly against "4". */
	public static long approvedPrompt(JdbcClient jdbc, String text) {
		return jdbc
			.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					values ('test', ?, ?, 'math', '{"type":"exact","expected":"4"}', 'APPROVED', now(), 'test') returning id""")
			.params(text, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
	}

}
