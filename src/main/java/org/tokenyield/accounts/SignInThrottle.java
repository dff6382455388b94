package org.tokenyield.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.accounts.SignInFailureRepository.SignInFailures;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ClientAddress;

import org.springframework.context.event.EventListener;
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

	private final SignInFailureRepository failures;

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final Duration window;

	private final Duration lockFor;

	private final Limits account;

	private final Limits client;

	record Limits(int free, int lock) {
	}

	SignInThrottle(SignInFailureRepository failures, AccountRepository accounts, AuditLog audit,
			AccountProperties properties) {
		AccountProperties.SignIn signIn = properties.signIn();
		this.failures = failures;
		this.accounts = accounts;
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

	/** How long this sign-in must wait, if it must. */
	@Transactional(readOnly = true)
	public Optional<Duration> wait(String username, String address) {
		List<String> subjects = username == null || username.isBlank() ? List.of(clientSubject(address))
				: List.of(accountSubject(username), clientSubject(address));
		Instant now = this.failures.now();
		Duration longest = Duration.ZERO;
		for (SignInFailures f : this.failures.current(subjects, this.window)) {
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
		this.failures.clear(accountSubject(username));
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
		if (this.failures.add(subject, this.window, limits.lock(), this.lockFor)) {
			log.warn("Sign-in locked for {} for {} after {} failed attempts", subject, this.lockFor, limits.lock());
			Long accountId = username == null ? null
					: this.accounts.findByUsername(username).map(Account::id).orElse(null);
			this.audit.record(accountId, "SIGN_IN_LOCKED", null, subject + " locked for " + this.lockFor.toMinutes()
					+ " minutes after " + limits.lock() + " failed sign-ins");
		}
	}

	static Duration delay(int beyondFree) {
		Duration delay = Duration.ofSeconds(10L << Math.min(beyondFree, 10));
		return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
	}

}
