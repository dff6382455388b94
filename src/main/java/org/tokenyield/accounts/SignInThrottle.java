package org.tokenyield.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password guessing, slowed per account and client address, per client address, and per
 * account. Every password check (form, HTTP Basic, hence token creation) first reserves
 * its attempt in PostgreSQL, counted as a failure until it succeeds, with the subjects'
 * rows locked: parallel guesses on any instance take turns, so no more passwords are
 * checked than the counts allow. After {@code free} failures within the window each
 * further try must wait (10 s, 20 s, 40 s, then a minute), answered 429 with
 * {@code Retry-After}; after {@code lock} failures the subject is locked for
 * {@code lock-for}.
 * <p>
 * Guesses from one address slow only that address (the account and client pair, and the
 * address itself), so they cannot lock an account out elsewhere. The account's own count,
 * over all addresses, holds only addresses it has not signed in from
 * ({@code known-client-for}); reaching its free failures tells the admins through the
 * audit log (once a window). A successful sign-in clears its pair's count and gives its
 * reservation back to the others: it does not reset what other addresses failed.
 */
@Service
public class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	private static final Duration MAX_DELAY = Duration.ofMinutes(1);

	/** The attempt whose password this thread is checking (set by the filter). */
	private static final ThreadLocal<Attempt> CHECKING = new ThreadLocal<>();

	private final SignInFailureRepository failures;

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Duration window;

	private final Duration lockFor;

	private final Duration knownClientFor;

	private final Limits accountClient;

	private final Limits account;

	private final Limits client;

	record Limits(int free, int lock) {
	}

	/** What a subject counts; only an enforced subject can refuse an attempt. */
	record Subject(String name, Limits limits, boolean enforced) {
	}

	SignInThrottle(SignInFailureRepository failures, AccountRepository accounts, AuditLog audit,
			PlatformTransactionManager transactionManager, AccountProperties properties) {
		AccountProperties.SignIn signIn = properties.signIn();
		this.failures = failures;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.window = signIn.window();
		this.lockFor = signIn.lockFor();
		this.knownClientFor = signIn.knownClientFor();
		this.accountClient = new Limits(signIn.accountClient().freeFailures(), signIn.accountClient().lockAfter());
		this.account = new Limits(signIn.account().freeFailures(), signIn.account().lockAfter());
		this.client = new Limits(signIn.client().freeFailures(), signIn.client().lockAfter());
	}

	private static final String ACCOUNT_CLIENT = "account-client:";

	static String accountSubject(String username) {
		return "account:" + name(username);
	}

	/**
	 * The address comes last and has no space, so no chosen username makes one pair's
	 * subject another's.
	 */
	static String accountClientSubject(String username, String address) {
		return ACCOUNT_CLIENT + name(username) + " " + clip(address);
	}

	static String clientSubject(String address) {
		return "client:" + clip(address);
	}

	/**
	 * The account name as counted: any text a client sends, so without the control
	 * characters PostgreSQL would refuse.
	 */
	static String name(String username) {
		return clip(username.strip().toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "?"));
	}

	private static String clip(String s) {
		return s.length() > 150 ? s.substring(0, 150) : s;
	}

	/**
	 * A password check let through; it ends {@link #end settled} by what the check found.
	 */
	public static final class Attempt {

		/** The account name as counted ({@link #name}), null when none was given. */
		private final String username;

		private final String address;

		private final List<Subject> subjects;

		private boolean failed;

		private boolean succeeded;

		private Attempt(String username, String address, List<Subject> subjects) {
			this.username = username;
			this.address = address;
			this.subjects = subjects;
		}

		void failed() {
			this.failed = true;
		}

		void succeeded() {
			this.succeeded = true;
		}

		private boolean named() {
			return this.username != null;
		}

	}

	/** Either an attempt to check now, or how long the sign-in must wait. */
	public record Reservation(Attempt attempt, Duration retryAfter) {

		public boolean granted() {
			return this.attempt != null;
		}

	}

	/**
	 * Reserves one password check for this account name (null when the request names
	 * none) from this client address, or says how long it must wait.
	 */
	public Reservation reserve(String username, String address) {
		return reserve(username, address, true);
	}

	private Reservation reserve(String givenName, String address, boolean enforced) {
		String username = givenName == null || givenName.isBlank() ? null : name(givenName);
		return this.transactions.execute(status -> {
			List<Subject> subjects = subjects(username, address, enforced);
			Map<String, SignInFailures> rows = this.failures.lock(subjects.stream().map(Subject::name).toList());
			Instant now = this.failures.now();
			Duration longest = Duration.ZERO;
			for (Subject subject : subjects) {
				Duration wait = subject.enforced() ? wait(rows.get(subject.name()), subject.limits(), now)
						: Duration.ZERO;
				longest = wait.compareTo(longest) > 0 ? wait : longest;
			}
			if (!longest.isZero()) {
				status.setRollbackOnly();
				return new Reservation(null, longest);
			}
			for (Subject subject : subjects) {
				this.failures.reserve(subject.name(), fresh(rows.get(subject.name()), now));
			}
			return new Reservation(new Attempt(username, address, subjects), null);
		});
	}

	private List<Subject> subjects(String username, String address, boolean enforced) {
		List<Subject> subjects = new ArrayList<>();
		subjects.add(new Subject(clientSubject(address), this.client, enforced));
		if (username != null) {
			subjects.add(new Subject(accountClientSubject(username, address), this.accountClient, enforced));
			// the account's own count never holds an address it signed in from
			boolean known = this.failures.known(username, address, this.knownClientFor);
			subjects.add(new Subject(accountSubject(username), this.account, enforced && !known));
		}
		// one order for every sign-in, so that two never wait for each other's rows
		subjects.sort(Comparator.comparing(Subject::name));
		return List.copyOf(subjects);
	}

	private boolean fresh(SignInFailures row, Instant now) {
		return row.lockedUntil() != null ? !row.lockedUntil().isAfter(now)
				: row.firstFailedAt().isBefore(now.minus(this.window));
	}

	private Duration wait(SignInFailures row, Limits limits, Instant now) {
		if (fresh(row, now)) {
			return Duration.ZERO;
		}
		if (row.lockedUntil() != null) {
			return Duration.between(now, row.lockedUntil());
		}
		if (row.failures() < limits.free()) {
			return Duration.ZERO;
		}
		Instant until = row.lastFailedAt().plus(delay(row.failures() - limits.free()));
		if (row.failures() >= limits.lock() && until.isBefore(now.plusSeconds(1))) {
			// the attempt that reached the lock is still being checked: it locks the
			// subject, or gives its count back
			until = now.plusSeconds(1);
		}
		return Duration.between(now, until).isNegative() ? Duration.ZERO : Duration.between(now, until);
	}

	static Duration delay(int beyondFree) {
		Duration delay = Duration.ofSeconds(10L << Math.min(beyondFree, 10));
		return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
	}

	/**
	 * Marks this thread as checking the attempt's password: the authentication events it
	 * publishes settle it.
	 */
	static void begin(Attempt attempt) {
		CHECKING.set(attempt);
	}

	/**
	 * Settles the attempt by what its check found: a failure stays counted (and may lock
	 * a subject or raise the alert), a success clears its pair and gives its reservation
	 * back, and no check at all gives every reservation back.
	 */
	void end(Attempt attempt) {
		CHECKING.remove();
		this.transactions.executeWithoutResult(status -> {
			if (attempt.failed) {
				failed(attempt);
			}
			else if (attempt.succeeded) {
				succeeded(attempt);
			}
			else {
				attempt.subjects.forEach(subject -> this.failures.giveBack(subject.name()));
			}
		});
	}

	private void failed(Attempt attempt) {
		for (Subject subject : attempt.subjects) {
			if (this.failures.lockIfReached(subject.name(), subject.limits().lock(), this.lockFor)) {
				log.warn("Sign-in locked for {} for {} after {} failed attempts", subject.name(), this.lockFor,
						subject.limits().lock());
				Long accountId = subject.name().startsWith("client:") ? null : accountId(attempt);
				this.audit.record(accountId, "SIGN_IN_LOCKED", null, subject.name() + " locked for "
						+ this.lockFor.toMinutes() + " minutes after " + subject.limits().lock() + " failed sign-ins");
			}
		}
		if (attempt.named()
				&& this.failures.alertIfReached(accountSubject(attempt.username), this.account.free(), this.window)) {
			int clients = this.failures.clientsFailing(ACCOUNT_CLIENT + attempt.username + " ", this.window);
			log.warn("Sign-in to {} under attack: {} failures from {} client addresses",
					accountSubject(attempt.username), this.account.free(), clients);
			this.audit.record(accountId(attempt), "SIGN_IN_UNDER_ATTACK", null,
					accountSubject(attempt.username) + " under attack: at least " + this.account.free()
							+ " failed sign-ins from " + clients + " client address(es) within "
							+ this.window.toMinutes() + " minutes; addresses it has not signed in from now wait");
		}
	}

	private void succeeded(Attempt attempt) {
		for (Subject subject : attempt.subjects) {
			if (subject.name().startsWith(ACCOUNT_CLIENT)) {
				this.failures.clear(subject.name());
			}
			else {
				this.failures.giveBack(subject.name());
			}
		}
		if (attempt.named()) {
			this.failures.signedIn(attempt.username, attempt.address, this.knownClientFor);
		}
	}

	private Long accountId(Attempt attempt) {
		return attempt.named() ? this.accounts.findByUsername(attempt.username).map(Account::id).orElse(null) : null;
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		Attempt attempt = CHECKING.get();
		if (attempt != null) {
			attempt.failed();
			return;
		}
		// a password checked outside a sign-in the filter saw still counts
		String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
				&& web.getRemoteAddress() != null ? web.getRemoteAddress() : ClientAddress.current();
		String username = event.getAuthentication().getName();
		Attempt counted = reserve(username, address, false).attempt();
		counted.failed();
		end(counted);
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		Attempt attempt = CHECKING.get();
		if (attempt != null) {
			attempt.succeeded();
		}
	}

}
