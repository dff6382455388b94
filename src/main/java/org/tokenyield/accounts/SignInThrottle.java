package org.tokenyield.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ClientAddress;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password guessing, slowed per account and per client address: failed sign-ins (form,
 * HTTP Basic, hence token creation) are counted in PostgreSQL, so every instance sees
 * them. After {@code free} failures within the window each further try must wait (10 s,
 * 20 s, 40 s, then a minute), answered 429 with {@code Retry-After}; after {@code lock}
 * failures the subject is locked for {@code lock-for}. Lockouts are logged and audited. A
 * successful sign-in clears its account's count, not its client's (one valid account must
 * not reset a guesser's address).
 */
@Service
public class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	private static final Duration MAX_DELAY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Duration window;

	private final Duration lockFor;

	private final Limits account;

	private final Limits client;

	record Limits(int free, int lock) {
	}

	SignInThrottle(JdbcClient jdbc, AuditLog audit, AccountProperties properties) {
		AccountProperties.SignIn signIn = properties.signIn();
		this.jdbc = jdbc;
		this.audit = audit;
		this.window = signIn.window();
		this.lockFor = signIn.lockFor();
		this.account = new Limits(signIn.account().freeFailures(), signIn.account().lockAfter());
		this.client = new Limits(signIn.client().freeFailures(), signIn.client().lockAfter());
	}

	static String accountSubject(String username) {
		return "account:" + clip(username.strip().toLowerCase(Locale.ROOT));
	}

	static String clientSubject(String address) {
		return "client:" + clip(address);
	}

	private static String clip(String s) {
		return s.length() > 150 ? s.substring(0, 150) : s;
	}

	private record Failures(String subject, int failures, Instant lastFailedAt, Instant lockedUntil) {
	}

	/** How long this sign-in must wait, if it must. */
	@Transactional(readOnly = true)
	public Optional<Duration> wait(String username, String address) {
		List<String> subjects = username == null || username.isBlank() ? List.of(clientSubject(address))
				: List.of(accountSubject(username), clientSubject(address));
		Instant now = now();
		Duration longest = Duration.ZERO;
		for (Failures f : read(subjects)) {
			Limits limits = f.subject().startsWith("account:") ? this.account : this.client;
			Instant until = f.lockedUntil() != null ? f.lockedUntil()
					: f.failures() >= limits.free() ? f.lastFailedAt().plus(delay(f.failures() - limits.free())) : now;
			Duration wait = Duration.between(now, until);
			if (wait.compareTo(longest) > 0) {
				longest = wait;
			}
		}
		return !longest.isZero() && !longest.isNegative() ? Optional.of(longest) : Optional.empty();
	}

	/** One more failure of this account name and client. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void failed(String username, String address) {
		if (username != null && !username.isBlank()) {
			count(accountSubject(username), this.account, username);
		}
		count(clientSubject(address), this.client, null);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void succeeded(String username) {
		this.jdbc.sql("delete from sign_in_failures where subject = ?").param(accountSubject(username)).update();
	}

	@EventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(AbstractAuthenticationFailureEvent event) {
		String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
				&& web.getRemoteAddress() != null ? web.getRemoteAddress() : ClientAddress.current();
		failed(event.getAuthentication().getName(), address);
	}

	@EventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(AuthenticationSuccessEvent event) {
		succeeded(event.getAuthentication().getName());
	}

	private void count(String subject, Limits limits, String username) {
		String window = this.window.toSeconds() + " seconds";
		String lockFor = this.lockFor.toSeconds() + " seconds";
		// a count older than the window (or an expired lock) starts again at one
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
			.param("window", window)
			.param("lock", limits.lock())
			.param("lockFor", lockFor)
			.query(Boolean.class)
			.single();
		if (Boolean.TRUE.equals(locked)) {
			log.warn("Sign-in locked for {} for {} after {} failed attempts", subject, this.lockFor, limits.lock());
			Long accountId = username == null ? null
					: this.jdbc.sql("select id from accounts where lower(username) = lower(?)")
						.param(username)
						.query(Long.class)
						.optional()
						.orElse(null);
			this.audit.record(accountId, "SIGN_IN_LOCKED", null, subject + " locked for " + this.lockFor.toMinutes()
					+ " minutes after " + limits.lock() + " failed sign-ins");
		}
	}

	private List<Failures> read(List<String> subjects) {
		return this.jdbc
			.sql("""
					select subject, failures, last_failed_at, locked_until from sign_in_failures
					 where subject in (:subjects) and (last_failed_at > now() - cast(:window as interval) or locked_until > now())""")
			.param("subjects", subjects)
			.param("window", this.window.toSeconds() + " seconds")
			.query((rs, i) -> new Failures(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	/**
	 * The database's clock: instances compare against the same time as the stored
	 * failures.
	 */
	private Instant now() {
		return this.jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
	}

	static Duration delay(int beyondFree) {
		Duration delay = Duration.ofSeconds(10L << Math.min(beyondFree, 10));
		return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
	}

}
