package org.tokenyield.prompts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.tokenyield.accounts.AccountService;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.TooManyRequestsException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members report bad prompts; maintainers resolve or dismiss the reports. Every act is
 * audited.
 */
@Service
public class PromptReports {

	private final PromptRepository prompts;

	private final AuditLog audit;

	private final PromptReportRepository reports;

	private final AccountService accounts;

	private final int reportsPerHour;

	PromptReports(PromptRepository prompts, AuditLog audit, PromptReportRepository reports, AccountService accounts,
			PromptProperties properties) {
		this.prompts = prompts;
		this.audit = audit;
		this.reports = reports;
		this.accounts = accounts;
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
		if (this.reports.filedInLastHour(member.id()) >= this.reportsPerHour) {
			throw new TooManyRequestsException("At most " + this.reportsPerHour + " reports an hour; try again later.",
					Duration.ofMinutes(10));
		}
		// one open report per member and prompt
		if (!this.reports.addOpen(prompt.id(), member.id(), reason.strip())) {
			throw new ConflictException("reason",
					"You already reported this prompt; a maintainer will look at your report.");
		}
		this.audit.record(member.id(), "REPORTED", id, reason.strip());
	}

	public record Report(long id, long promptId, String promptTitle, String reporter, String reason, String status,
			java.time.Instant createdAt) {
	}

	@Transactional(readOnly = true)
	public List<Report> openReports() {
		List<PromptReportRepository.OpenReport> open = this.reports.open(MAX_SHOWN);
		Map<Long, String> reporters = this.accounts
			.usernames(open.stream().map(PromptReportRepository.OpenReport::reporterId).distinct().toList());
		return open.stream()
			.map(r -> new Report(r.id(), r.promptId(), r.promptTitle(), reporters.get(r.reporterId()), r.reason(),
					r.status(), r.createdAt()))
			.toList();
	}

	@Transactional
	public void closeReport(long reportId, boolean upheld, AccountView maintainer) {
		Long promptId = this.reports.close(reportId, upheld, maintainer.id())
			.orElseThrow(() -> new NotFoundException("No open report " + reportId));
		this.audit.record(maintainer.id(), upheld ? "REPORT_RESOLVED" : "REPORT_DISMISSED", promptId,
				"report #" + reportId);
	}

}
