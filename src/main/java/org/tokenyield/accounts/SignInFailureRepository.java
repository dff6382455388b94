package org.tokenyield.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The failed sign-ins counted per subject (an account, an account and client address, a
 * client address) in PostgreSQL, so that every instance sees them, and the client
 * addresses each account signed in from ({@link SignInThrottle} decides what they mean).
 * Times are the database's, the same clock as the stored failures. Callers hold the
 * transaction.
 */
@Component
class SignInFailureRepository {

	private final JdbcClient jdbc;

	SignInFailureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A subject's count; {@code lockedUntil} null while it is not locked. */
	record SignInFailures(String subject, int failures, Instant firstFailedAt, Instant lastFailedAt,
			Instant lockedUntil) {
	}

	/**
	 * The subjects' counts, each row locked until the transaction ends (a subject without
	 * one gets a row at zero), so that concurrent sign-ins on any instance take their
	 * turns. Rows are locked one by one in the order given: callers sort the subjects, so
	 * two sign-ins never wait for each other's rows.
	 */
	Map<String, SignInFailures> lock(List<String> subjects) {
		Map<String, SignInFailures> rows = new LinkedHashMap<>();
		for (String subject : subjects) {
			SignInFailures row = this.jdbc.sql("""
					insert into sign_in_failures as f (subject, failures, first_failed_at, last_failed_at)
					values (?, 0, now(), now())
					on conflict (subject) do update set failures = f.failures
					returning subject, failures, first_failed_at, last_failed_at, locked_until""")
				.param(subject)
				.query((rs, i) -> new SignInFailures(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
						rs.getTimestamp(4).toInstant(),
						rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
				.single();
			rows.put(subject, row);
		}
		return rows;
	}

	/**
	 * One more attempt of a locked subject, counted as a failure until it proves
	 * otherwise; {@code fresh} starts the count again at one (its window passed).
	 */
	void reserve(String subject, boolean fresh) {
		this.jdbc.sql("""
				update sign_in_failures set
				  failures = case when :fresh then 1 else failures + 1 end,
				  first_failed_at = case when :fresh then now() else first_failed_at end,
				  last_failed_at = now(),
				  locked_until = case when :fresh then null else locked_until end
				 where subject = :subject""").param("subject", subject).param("fresh", fresh).update();
	}

	/**
	 * Locks the subject for {@code lockFor} when it has {@code lockAfter} failures and is
	 * not locked yet.
	 * @return true when this call locked it
	 */
	boolean lockIfReached(String subject, int lockAfter, Duration lockFor) {
		return this.jdbc
			.sql("""
					update sign_in_failures set locked_until = now() + cast(:lockFor as interval)
					 where subject = :subject and failures >= :lockAfter and (locked_until is null or locked_until < now())""")
			.param("subject", subject)
			.param("lockAfter", lockAfter)
			.param("lockFor", lockFor.toSeconds() + " seconds")
			.update() == 1;
	}

	/**
	 * Marks the subject alerted when it has {@code failures} failures and was not alerted
	 * within {@code quiet}.
	 * @return true when this call marked it: the caller tells the admins
	 */
	boolean alertIfReached(String subject, int failures, Duration quiet) {
		return this.jdbc.sql("""
				update sign_in_failures set alerted_at = now()
				 where subject = :subject and failures >= :failures
				   and (alerted_at is null or alerted_at < now() - cast(:quiet as interval))""")
			.param("subject", subject)
			.param("failures", failures)
			.param("quiet", quiet.toSeconds() + " seconds")
			.update() == 1;
	}

	/** One attempt of the subject was no failure after all. */
	void giveBack(String subject) {
		this.jdbc.sql("update sign_in_failures set failures = failures - 1 where subject = ? and failures > 0")
			.param(subject)
			.update();
	}

	void clear(String subject) {
		this.jdbc.sql("delete from sign_in_failures where subject = ?").param(subject).update();
	}

	/** How many client addresses failed to sign in to the account within the window. */
	int clientsFailing(String pairPrefix, Duration window) {
		return this.jdbc.sql("""
				select count(*) from sign_in_failures
				 where left(subject, length(:prefix)) = :prefix and failures > 0
				   and first_failed_at > now() - cast(:window as interval)""")
			.param("prefix", pairPrefix)
			.param("window", window.toSeconds() + " seconds")
			.query(Integer.class)
			.single();
	}

	/** Whether the account signed in from this client address within {@code within}. */
	boolean known(String username, String client, Duration within) {
		return this.jdbc.sql("""
				select exists (select 1 from sign_in_clients k join accounts a on a.id = k.account_id
				 where lower(a.username) = lower(:username) and k.client = :client
				   and k.signed_in_at > now() - cast(:within as interval))""")
			.param("username", username)
			.param("client", client)
			.param("within", within.toSeconds() + " seconds")
			.query(Boolean.class)
			.single();
	}

	/**
	 * The account signed in from this client address now; addresses it has not signed in
	 * from within {@code within} are forgotten.
	 */
	void signedIn(String username, String client, Duration within) {
		this.jdbc.sql("""
				insert into sign_in_clients (account_id, client, signed_in_at)
				select id, :client, now() from accounts where lower(username) = lower(:username)
				on conflict (account_id, client) do update set signed_in_at = now()""")
			.param("username", username)
			.param("client", client)
			.update();
		this.jdbc.sql("""
				delete from sign_in_clients where signed_in_at < now() - cast(:within as interval)
				   and account_id = (select id from accounts where lower(username) = lower(:username))""")
			.param("username", username)
			.param("within", within.toSeconds() + " seconds")
			.update();
	}

	/**
	 * The database's clock: instances compare against the same time as the stored
	 * failures.
	 */
	Instant now() {
		return this.jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
	}

}
