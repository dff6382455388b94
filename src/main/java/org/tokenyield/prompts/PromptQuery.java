package org.tokenyield.prompts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
