package org.tokenyield.runs.queue;

/**
 * The runs still queued or running, as a relation for SQL ({@code from} + {@link #SQL} +
 * alias). One arm per status, so each reads its partial index ({@code runs_due_idx},
 * {@code runs_expired_lease_idx}): written as {@code status in ('QUEUED', 'RUNNING')}
 * PostgreSQL read the whole table instead, 1.1 s at 10M runs (docs/benchmark.md, session
 * 18), in a gauge refreshed every 10 s and on the providers' status page.
 */
public final class UnfinishedRuns {

	public static final String SQL = "(select * from runs where status = 'QUEUED'"
			+ " union all select * from runs where status = 'RUNNING')";

	private UnfinishedRuns() {
	}

}
