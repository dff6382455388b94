package org.tokenyield.system;

import java.time.Instant;
import java.util.List;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every act that changes what others see or pay for (moderation, reports, roles,
 * accounts, tokens, models, prices, plans), who did it and when; written in the same
 * transaction as the act. Read page by page, newest first, filtered by action, actor or
 * prompt, so a flood of one kind of entry cannot hide the others.
 */
@Service
public class AuditLog {

	public static final int MAX_PAGE = 200;

	private final AuditLogRepository entries;

	AuditLog(AuditLogRepository entries) {
		this.entries = entries;
	}

	public record Entry(long id, Instant at, String actor, String action, Long promptId, String promptTitle,
			String detail) {
	}

	/**
	 * What to show: null fields match everything; {@code before} is the id of the last
	 * entry of the previous page (keyset paging, stable while entries are added).
	 */
	public record Filter(String action, String actor, Long promptId, Long before, int size) {

		public Filter {
			action = blankToNull(action);
			actor = blankToNull(actor);
			size = Math.max(1, Math.min(MAX_PAGE, size));
		}

		private static String blankToNull(String s) {
			return s == null || s.isBlank() ? null : s.strip();
		}

	}

	/** One page; {@code nextBefore} is null on the last page. */
	public record Page(List<Entry> entries, Long nextBefore) {
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Long actorId, String action, Long promptId, String detail) {
		this.entries.insert(actorId, action, promptId, clip(detail));
	}

	/**
	 * The same act on each of these prompts, in one statement (an import creates prompts
	 * by the thousand).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAll(Long actorId, String action, List<Long> promptIds, String detail) {
		if (!promptIds.isEmpty()) {
			this.entries.insertAll(actorId, action, promptIds, clip(detail));
		}
	}

	/** A detail as the column holds it (at most 2,000 characters). */
	private static String clip(String detail) {
		return detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
	}

	/**
	 * An act of the signed-in account (for features that do not know accounts, such as
	 * the catalog).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAsCurrent(String action, String detail) {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		Long actor = auth == null || !auth.isAuthenticated() ? null : this.entries.accountId(auth.getName());
		record(actor, action, null, detail);
	}

	@Transactional(readOnly = true)
	public Page page(Filter filter) {
		List<Entry> entries = this.entries.newest(filter, filter.size() + 1);
		if (entries.size() <= filter.size()) {
			return new Page(entries, null);
		}
		List<Entry> shown = entries.subList(0, filter.size());
		return new Page(List.copyOf(shown), shown.get(shown.size() - 1).id());
	}

	/** The actions that occur, for the filter's choices. */
	@Transactional(readOnly = true)
	public List<String> actions() {
		return this.entries.actions();
	}

}
