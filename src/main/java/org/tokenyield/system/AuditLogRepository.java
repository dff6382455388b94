package org.tokenyield.system;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_log} table: entries written, read page by page, and the actions that
 * occur.
 */
@Repository
class AuditLogRepository {

	private final JdbcClient jdbc;

	AuditLogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Long actorId, String action, Long promptId, String detail) {
		this.jdbc.sql("insert into audit_log (actor_id, action, prompt_id, detail) values (?, ?, ?, ?)")
			.params(actorId, action, promptId, detail)
			.update();
	}

	void insertAll(Long actorId, String action, List<Long> promptIds, String detail) {
		this.jdbc.sql("""
				insert into audit_log (actor_id, action, prompt_id, detail)
				select ?, ?, p, ? from unnest(?::bigint[]) with ordinality as u(p, n) order by n""")
			.params(actorId, action, detail, promptIds.toArray(Long[]::new))
			.update();
	}

	/** The id of the account signed in as {@code username}, if it still exists. */
	Long accountId(String username) {
		return this.jdbc.sql("select id from account_names where lower(username) = lower(?)")
			.param(username)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/** Up to {@code limit} entries matching the filter, newest first. */
	List<AuditLog.Entry> newest(AuditLog.Filter filter, int limit) {
		return this.jdbc
			.sql("""
					select l.id, l.at, a.username, l.action, l.prompt_id, p.title, l.detail
					  from audit_log l left join account_names a on a.id = l.actor_id left join prompt_facts p on p.id = l.prompt_id
					 where (cast(:action as text) is null or l.action = :action)
					   and (cast(:actor as text) is null or lower(a.username) = lower(:actor))
					   and (cast(:prompt as bigint) is null or l.prompt_id = :prompt)
					   and (cast(:before as bigint) is null or l.id < :before)
					 order by l.id desc limit :limit""")
			.param("action", filter.action())
			.param("actor", filter.actor())
			.param("prompt", filter.promptId())
			.param("before", filter.before())
			.param("limit", limit)
			.query((rs, i) -> new AuditLog.Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), (Long) rs.getObject(5), rs.getString(6), rs.getString(7)))
			.list();
	}

	List<String> actions() {
		return this.jdbc.sql("select distinct action from audit_log order by action").query(String.class).list();
	}

}
