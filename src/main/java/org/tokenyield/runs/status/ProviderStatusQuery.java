package org.tokenyield.runs.status;

import java.time.OffsetDateTime;
import java.util.List;

import org.tokenyield.runs.ProviderStatusService.RecentError;
import org.tokenyield.runs.queue.UnfinishedRuns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the providers page reads of the queue: runs per state and the latest failed
 * attempts.
 */
@Component
public class ProviderStatusQuery {

	private final JdbcClient jdbc;

	ProviderStatusQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Runs of a provider's versions: running, queued and due at {@code now}, queued and
	 * held back.
	 */
	public long[] counts(String provider, OffsetDateTime now) {
		return this.jdbc.sql("""
				select count(*) filter (where r.status = 'RUNNING'),
				       count(*) filter (where r.status = 'QUEUED' and r.next_attempt_at <= :now),
				       count(*) filter (where r.status = 'QUEUED' and r.next_attempt_at > :now)
				  from %s r join catalog_models m on m.id = r.model_id
				 where m.provider = :provider""".formatted(UnfinishedRuns.SQL))
			.param("now", now)
			.param("provider", provider)
			.query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
	}

	/** The provider's ten latest attempts that did not succeed. */
	public List<RecentError> recentErrors(String provider) {
		return this.jdbc.sql("""
				select a.run_id, m.model_key, a.attempt, a.finished_at, a.http_status, a.outcome, a.message
				  from run_attempts a join runs r on r.id = a.run_id join catalog_models m on m.id = r.model_id
				 where a.outcome <> 'SUCCEEDED' and m.provider = ?
				 order by a.finished_at desc nulls last limit 10""")
			.param(provider)
			.query((rs, i) -> new RecentError(rs.getLong(1), rs.getString(2), rs.getInt(3),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), (Integer) rs.getObject(5),
					rs.getString(6), rs.getString(7)))
			.list();
	}

}
