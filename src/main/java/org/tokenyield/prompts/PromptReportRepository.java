package org.tokenyield.prompts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code prompt_reports} table. */
@Component
class PromptReportRepository {

	private final JdbcClient jdbc;

	PromptReportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An open report with its prompt's title; the reporter is an id (the accounts module
	 * names it).
	 */
	record OpenReport(long id, long promptId, String promptTitle, long reporterId, String reason, String status,
			Instant createdAt) {
	}

	long filedInLastHour(long reporterId) {
		return this.jdbc
			.sql("select count(*) from prompt_reports where reporter_id = ? and created_at > now() - interval '1 hour'")
			.param(reporterId)
			.query(Long.class)
			.single();
	}

	/**
	 * False when the member has an open report on the prompt already (a unique index
	 * holds it under concurrent requests).
	 */
	boolean addOpen(long promptId, long reporterId, String reason) {
		return this.jdbc.sql("""
				insert into prompt_reports (prompt_id, reporter_id, reason) values (?, ?, ?)
				on conflict (prompt_id, reporter_id) where status = 'OPEN' do nothing""")
			.params(promptId, reporterId, reason)
			.update() > 0;
	}

	List<OpenReport> open(int limit) {
		return this.jdbc.sql("""
				select r.id, r.prompt_id, p.title, r.reporter_id, r.reason, r.status, r.created_at
				  from prompt_reports r join prompts p on p.id = r.prompt_id
				 where r.status = 'OPEN' order by r.created_at limit ?""")
			.param(limit)
			.query((rs, i) -> new OpenReport(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** The report's prompt, or empty when no open report has this id. */
	Optional<Long> close(long reportId, boolean upheld, long maintainerId) {
		return this.jdbc.sql("""
				update prompt_reports set status = ?, resolved_by = ?, resolved_at = now()
				 where id = ? and status = 'OPEN' returning prompt_id""")
			.params(upheld ? "RESOLVED" : "DISMISSED", maintainerId, reportId)
			.query(Long.class)
			.optional();
	}

}
