package org.tokenyield.prompts;

import java.util.List;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members report bad prompts; maintainers resolve or dismiss the reports. Every act is audited. */
@Service
public class PromptReports {

	private final PromptRepository prompts;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	PromptReports(PromptRepository prompts, AuditLog audit, JdbcClient jdbc) {
		this.prompts = prompts;
		this.audit = audit;
		this.jdbc = jdbc;
	}

	@Transactional
	public void report(long id, String reason, AccountView member) {
		if (reason == null || reason.isBlank() || reason.length() > 1000) {
			throw new InvalidInputException("reason", "is required (at most 1000 characters)");
		}
		Prompt prompt = this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
		this.jdbc.sql("insert into prompt_reports (prompt_id, reporter_id, reason) values (?, ?, ?)")
			.params(prompt.id(), member.id(), reason.strip())
			.update();
		this.audit.record(member.id(), "REPORTED", id, reason.strip());
	}

	public record Report(long id, long promptId, String promptTitle, String reporter, String reason, String status,
			java.time.Instant createdAt) {
	}

	@Transactional(readOnly = true)
	public List<Report> openReports() {
		return this.jdbc.sql("""
				select r.id, r.prompt_id, p.title, a.username, r.reason, r.status, r.created_at
				  from prompt_reports r join prompts p on p.id = r.prompt_id join accounts a on a.id = r.reporter_id
				 where r.status = 'OPEN' order by r.created_at""")
			.query((rs, i) -> new Report(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

	@Transactional
	public void closeReport(long reportId, boolean upheld, AccountView maintainer) {
		Long promptId = this.jdbc.sql("""
				update prompt_reports set status = ?, resolved_by = ?, resolved_at = now()
				 where id = ? and status = 'OPEN' returning prompt_id""")
			.params(upheld ? "RESOLVED" : "DISMISSED", maintainer.id(), reportId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No open report " + reportId));
		this.audit.record(maintainer.id(), upheld ? "REPORT_RESOLVED" : "REPORT_DISMISSED", promptId, "report #" + reportId);
	}

}
