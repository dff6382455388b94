package org.tokenyield.prompts;

import java.time.Duration;
import java.util.List;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.TooManyRequestsException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members report bad prompts; maintainers resolve or dismiss the reports. Every act is audited. */
@Service
public class PromptReports {

	private final PromptRepository prompts;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final int reportsPerHour;

	PromptReports(PromptRepository prompts, AuditLog audit, JdbcClient jdbc,
			PromptProperties properties) {
		this.prompts = prompts;
		this.audit = audit;
		this.jdbc = jdbc;
		this.reportsPerHour = properties.limits().reportsPerHour();
	}

	/** At most this many open reports on the moderation page, oldest first. */
	static final int MAX_SHOWN = 200;

	@Transactional
	public void report(long id, String reason, AccountView member) {
		if (reason == null || reason.isBlank() || reason.length() > 1000) {
			throw new InvalidInputException("reason", "is required (at most 1000 characters)");
		}
		Prompt prompt = this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
		long lastHour = this.jdbc
			.sql("select count(*) from prompt_reports where reporter_id = ? and created_at > now() - interval '1 hour'")
			.param(member.id())
			.query(Long.class)
			.single();
		if (lastHour >= this.reportsPerHour) {
			throw new TooManyRequestsException("At most " + this.reportsPerHour + " reports an hour; try again later.",
					Duration.ofMinutes(10));
		}
		// one open report per member and prompt (a unique index holds it under concurrent requests)
		int added = this.jdbc.sql("""
				insert into prompt_reports (prompt_id, reporter_id, reason) values (?, ?, ?)
				on conflict (prompt_id, reporter_id) where status = 'OPEN' do nothing""")
			.params(prompt.id(), member.id(), reason.strip())
			.update();
		if (added == 0) {
			throw new ConflictException("reason", "You already reported this prompt; a maintainer will look at your report.");
		}
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
				 where r.status = 'OPEN' order by r.created_at limit ?""")
			.param(MAX_SHOWN)
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
