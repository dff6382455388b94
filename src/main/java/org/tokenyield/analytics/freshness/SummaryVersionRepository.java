package org.tokenyield.analytics.freshness;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code analytics_state}, the one row that says when the summary last changed and
 * whether writes have marked it stale since, and the summary's repair function
 * (db/migration/R__config_prompt_stats.sql).
 */
@Repository
class SummaryVersionRepository {

	private final JdbcClient jdbc;

	SummaryVersionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A new version, strictly later than the last one, when the summary was marked stale
	 * (or always, with {@code force}); null when there was nothing to do.
	 */
	Instant newVersion(boolean force) {
		return this.jdbc
			.sql("""
					update analytics_state
					   set stale = false,
					       refreshed_at = greatest(clock_timestamp(), coalesce(refreshed_at, 'epoch') + interval '1 microsecond')
					 where id = 1"""
					+ (force ? "" : " and stale") + " returning refreshed_at")
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(null);
	}

	/**
	 * Asks for a new version at the next tick, as a write does. Unlike a write's mark
	 * (R__config_prompt_stats.sql), a mark already set is left as it is: this commits on
	 * its own, with no changes a version would have to wait for.
	 */
	void markStale() {
		this.jdbc.sql("update analytics_state set stale = true where id = 1 and not stale").update();
	}

	Instant current() {
		return this.jdbc.sql("select coalesce(refreshed_at, 'epoch'::timestamptz) from analytics_state where id = 1")
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	/**
	 * Recomputes {@code config_prompt_stats} from {@code runs}; the number of (config,
	 * prompt) rows.
	 */
	long rebuildSummary() {
		return this.jdbc.sql("select rebuild_config_prompt_stats()").query(Long.class).single();
	}

}
