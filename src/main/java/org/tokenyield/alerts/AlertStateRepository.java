package org.tokenyield.alerts;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert_state} table: what {@link ChangeWatcher} saw of each subject at its
 * previous pass, and the lock that lets one instance watch at a time.
 */
@Repository
class AlertStateRepository {

	private static final long LOCK = 0x7e11_0005L;

	private final JdbcClient jdbc;

	AlertStateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the watcher's transaction-scoped advisory lock; false when another instance
	 * holds it.
	 */
	boolean tryLockForThisTransaction() {
		Boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
		return Boolean.TRUE.equals(locked);
	}

	/**
	 * Stores the subject's new value; returns the previous one, empty at the first
	 * observation.
	 */
	Optional<String> swap(String subject, String value) {
		Optional<String> before = this.jdbc.sql("select value from alert_state where subject = ?")
			.param(subject)
			.query(String.class)
			.optional();
		this.jdbc.sql("""
				insert into alert_state (subject, value) values (?, ?)
				on conflict (subject) do update set value = excluded.value, updated_at = now()""")
			.params(AlertLog.clip(subject, 400), value)
			.update();
		return before;
	}

}
