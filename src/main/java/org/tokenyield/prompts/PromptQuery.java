package org.tokenyield.prompts;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The prompts module's reads in plain SQL (the rest goes through
 * {@link PromptRepository}).
 */
@Component
class PromptQuery {

	private final JdbcClient jdbc;

	PromptQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Plans this transaction's statements for the table as it is now, not once for all
	 * executions: an import grows prompts by thousands a second, and a plan the driver's
	 * prepared statement kept from when the table held a few pages (a scan of the table
	 * for every key looked up) stalled an import's first minute for tens of seconds
	 * (docs/benchmark.md, "prompts of an import").
	 */
	void planForTheTableAsItIs() {
		this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
	}

	/**
	 * Stores approved prompts made by {@link Prompt}'s constructor and not stored yet, in
	 * one statement (an import makes them by the thousand; one insert each cost a round
	 * trip each), and returns their ids by text hash: live prompts' hashes are unique.
	 */
	Map<String, Long> insertApproved(List<Prompt> prompts) {
		Map<String, Long> ids = new HashMap<>();
		if (prompts.isEmpty()) {
			return ids;
		}
		this.jdbc.sql("""
				insert into prompts (prompt_key, title, text, text_hash, category, difficulty, grader, status,
				                     author_id, source, created_at, updated_at, approved_at)
				select u.prompt_key, u.title, u.text, u.text_hash, u.category, u.difficulty, u.grader, 'APPROVED',
				       u.author_id, u.source, u.created_at, u.approved_at, u.approved_at
				  from unnest(?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::varchar[],
				              ?::text[], ?::bigint[], ?::varchar[], ?::text[]::timestamptz[], ?::text[]::timestamptz[])
				       as u(prompt_key, title, text, text_hash, category, difficulty, grader, author_id, source,
				            created_at, approved_at)
				returning text_hash, id""")
			.params(column(prompts, Prompt::key), column(prompts, Prompt::title), column(prompts, Prompt::text),
					column(prompts, Prompt::textHash), column(prompts, Prompt::category),
					column(prompts, Prompt::difficulty), column(prompts, Prompt::grader),
					prompts.stream().map(Prompt::authorId).toArray(Long[]::new), column(prompts, Prompt::source),
					column(prompts, p -> p.createdAt().toString()), column(prompts, p -> p.approvedAt().toString()))
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		return ids;
	}

	private static String[] column(List<Prompt> prompts, Function<Prompt, String> field) {
		return prompts.stream().map(field).toArray(String[]::new);
	}

	List<Long> approvedIds() {
		return this.jdbc.sql("select id from prompts where status = 'APPROVED' order by id").query(Long.class).list();
	}

	Map<String, Long> idsByKey(Collection<String> keys) {
		Map<String, Long> ids = new LinkedHashMap<>();
		this.jdbc.sql("select prompt_key, id from prompts where prompt_key = any(?) and status = 'APPROVED'")
			.param(keys.toArray(String[]::new))
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		return ids;
	}

	/** Counted in the database, so a limit holds across instances. */
	long submittedInLastHour(long authorId) {
		return this.jdbc
			.sql("select count(*) from prompts where author_id = ? and created_at > now() - interval '1 hour'")
			.param(authorId)
			.query(Long.class)
			.single();
	}

}
