package org.tokenyield.prompts;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Every moderation act, who did it and when; written in the same transaction as the act. */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Entry(long id, Instant at, String actor, String action, Long promptId, String promptTitle,
			String detail) {
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void record(Long actorId, String action, Long promptId, String detail) {
		String clipped = detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
		this.jdbc.sql("insert into audit_log (actor_id, action, prompt_id, detail) values (?, ?, ?, ?)")
			.params(actorId, action, promptId, clipped)
			.update();
	}

	@Transactional(readOnly = true)
	public List<Entry> recent(int limit) {
		return this.jdbc.sql("""
				select l.id, l.at, a.username, l.action, l.prompt_id, p.title, l.detail
				  from audit_log l left join accounts a on a.id = l.actor_id left join prompts p on p.id = l.prompt_id
				 order by l.at desc, l.id desc limit ?""")
			.param(limit)
			.query((rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
					(Long) rs.getObject(5), rs.getString(6), rs.getString(7)))
			.list();
	}

}
