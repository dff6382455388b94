package org.tokenyield.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The failed sign-ins counted per subject (an account name or a client address) in
 * PostgreSQL, so that every instance sees them ({@link SignInThrottle} decides what they
 * mean). Times are the database's, the same clock as the stored failures. Callers hold
 * the transaction.
 */
@Component
class SignInFailureRepository {

	private final JdbcClient jdbc;

	SignInFailureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A subject's count; {@code lockedUntil} null while it is not locked. */
	record SignInFailures(String subject, int failures, Instant lastFailedAt, Instant lockedUntil) {
	}

	/**
	 * One more failure of the subject, locking it for {@code lockFor} when it reaches
	 * {@code lockAfter} failures within {@code window}; a count older than the window (or
	 * an expired lock) starts again at one.
	 * @return true when this failure locked the subject
	 */
	boolean add(String subject, Duration window, int lockAfter, Duration lockFor) {
		Boolean locked = this.jdbc
			.sql("""
					insert into sign_in_failures as f (subject, failures, first_failed_at, last_failed_at)
					values (:subject, 1, now(), now())
					on conflict (subject) do update set
					  failures = case when f.first_failed_at < now() - cast(:window as interval)
					                   and (f.locked_until is null or f.locked_until < now()) then 1 else f.failures + 1 end,
					  first_failed_at = case when f.first_failed_at < now() - cast(:window as interval)
					                   and (f.locked_until is null or f.locked_until < now()) then now() else f.first_failed_at end,
					  last_failed_at = now(),
					  locked_until = case when f.locked_until >= now() then f.locked_until
					                      when f.first_failed_at >= now() - cast(:window as interval) and f.failures + 1 >= :lock
					                      then now() + cast(:lockFor as interval) end
					returning locked_until is not null and failures = :lock""")
			.param("subject", subject)
			.param("window", window.toSeconds() + " seconds")
			.param("lock", lockAfter)
			.param("lockFor", lockFor.toSeconds() + " seconds")
			.query(Boolean.class)
			.single();
		return Boolean.TRUE.equals(locked);
	}

	void clear(String subject) {
		this.jdbc.sql("delete from sign_in_failures where subject = ?").param(subject).update();
	}

	/**
	 * The counts of these subjects that still matter: failed within the window, or
	 * locked.
	 */
	List<SignInFailures> current(List<String> subjects, Duration window) {
		return this.jdbc
			.sql("""
					select subject, failures, last_failed_at, locked_until from sign_in_failures
					 where subject in (:subjects) and (last_failed_at > now() - cast(:window as interval) or locked_until > now())""")
			.param("subjects", subjects)
			.param("window", window.toSeconds() + " seconds")
			.query((rs, i) -> new SignInFailures(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	/**
	 * The database's clock: instances compare against the same time as the stored
	 * failures.
	 */
	Instant now() {
		return this.jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
	}

}
