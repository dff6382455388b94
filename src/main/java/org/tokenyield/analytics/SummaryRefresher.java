package org.tokenyield.analytics;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code config_prompt_stats} fresh. A trigger on {@code runs} marks it stale; this job
 * clears the mark first (in its own short transaction, so run writers never wait on it) and
 * then refreshes, so a run that lands during a refresh marks it stale again.
 */
@Component
public class SummaryRefresher {

	private static final Logger log = LoggerFactory.getLogger(SummaryRefresher.class);

	private static final long LOCK = 0x70_6b_65_6eL; // one refresher at a time across instances

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final long memoNanos;

	/** The last refresh time read or made here, and when it was read. */
	private volatile Memo memo = new Memo(null, 0);

	private record Memo(Instant refreshedAt, long readAtNanos) {
	}

	SummaryRefresher(JdbcClient jdbc, TransactionTemplate tx,
			@Value("${app.analytics.refreshed-at-memo:PT0.25S}") Duration memo) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.memoNanos = memo.toNanos();
	}

	@Scheduled(fixedDelayString = "${app.analytics.refresh:PT2S}")
	void refreshIfStale() {
		try {
			refreshNow(false);
		}
		catch (RuntimeException ex) {
			log.warn("Summary refresh failed: {}", ex.getMessage());
		}
	}

	/**
	 * Refreshes when stale; returns whether it refreshed. With {@code force} it always refreshes,
	 * waiting for a refresh under way instead of skipping it, so that everything committed before
	 * the call is in the summary when it returns.
	 */
	public boolean refreshNow(boolean force) {
		Boolean claimed = this.tx.execute(status -> {
			boolean locked = force
					? this.jdbc.sql("select true from (select pg_advisory_xact_lock(?)) l").param(LOCK).query(Boolean.class).single()
					: this.jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
			if (!locked) {
				return false;
			}
			int cleared = this.jdbc.sql("update analytics_state set stale = false where id = 1" + (force ? "" : " and stale"))
				.update();
			return cleared == 1;
		});
		if (!Boolean.TRUE.equals(claimed)) {
			return false;
		}
		try {
			this.tx.executeWithoutResult(status -> {
				this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(?)) l").param(LOCK).query(Integer.class).single();
				this.jdbc.sql("refresh materialized view concurrently config_prompt_stats").update();
				this.jdbc.sql("update analytics_state set refreshed_at = now() where id = 1").update();
			});
			this.memo = new Memo(readRefreshedAt(), System.nanoTime());
			return true;
		}
		catch (RuntimeException ex) {
			this.jdbc.sql("update analytics_state set stale = true where id = 1").update();
			throw ex;
		}
	}

	/**
	 * When the summary was last refreshed: part of the cache key of computed figures. Read from
	 * the database at most every {@code app.analytics.refreshed-at-memo} (a refresh made by this
	 * instance is seen at once; one made by another instance within that delay), so a warm figure
	 * costs no query at all.
	 */
	public Instant refreshedAt() {
		Memo current = this.memo;
		long now = System.nanoTime();
		if (current.refreshedAt() != null && now - current.readAtNanos() < this.memoNanos) {
			return current.refreshedAt();
		}
		Instant read = readRefreshedAt();
		this.memo = new Memo(read, now);
		return read;
	}

	private Instant readRefreshedAt() {
		return this.jdbc.sql("select coalesce(refreshed_at, 'epoch'::timestamptz) from analytics_state where id = 1")
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

}
