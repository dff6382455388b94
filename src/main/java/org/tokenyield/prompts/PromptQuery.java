package org.tokenyield.prompts;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The prompts module's reads in plain SQL, and an import's prompts stored in bulk (the
 * rest goes through {@link PromptRepository}).
 */
@Component
class PromptQuery {

	private final JdbcClient jdbc;

	/**
	 * Prompts stored by {@link #insertApproved} since the table was last analyzed here.
	 */
	private final AtomicLong insertedSinceAnalyze = new AtomicLong();

	/** The table's rows when it was last analyzed here (0: not yet). */
	private final AtomicLong rowsAtAnalyze = new AtomicLong();

	PromptQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Analyzes prompts once this instance has stored as many since the last time as the
	 * table then held (and at least 1,000): an import grows the table by thousands a
	 * second, faster than autovacuum analyzes it, and a plan a prepared statement kept
	 * from when it held a few pages (a scan of the table for each prompt looked up)
	 * stalled an import's first minute for tens of seconds (docs/benchmark.md, "the
	 * prompts of an import"). Analyzing also drops such kept plans. About ten times for a
	 * benchmark of 300,000 prompts.
	 */
	private void analyzeAfterGrowth(int inserted) {
		long since = this.insertedSinceAnalyze.addAndGet(inserted);
		if (since >= Math.max(1_000, this.rowsAtAnalyze.get())) {
			this.insertedSinceAnalyze.set(0);
			this.jdbc.sql("analyze prompts").update();
			this.rowsAtAnalyze
				.set(this.jdbc.sql("select reltuples::bigint from pg_class where oid = 'prompts'::regclass")
					.query(Long.class)
					.single());
		}
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
		analyzeAfterGrowth(prompts.size());
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
