package org.tokenyield.accounts;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ClientLimits;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.NotFoundException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final AccountSessionRepository sessions;

	private final ApiTokenRepository tokens;

	private final ClientLimits clientLimits;

	private final int signUpsPerHour;

	AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog audit,
			AccountSessionRepository sessions, ApiTokenRepository tokens, ClientLimits clientLimits,
			AccountProperties properties) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.sessions = sessions;
		this.tokens = tokens;
		this.clientLimits = clientLimits;
		this.signUpsPerHour = properties.limits().signUpsPerHour();
	}

	/**
	 * A new member. Limited per client address ({@code app.limits.sign-ups-per-hour}); a
	 * taken username or email gets one answer for both, so sign-up does not tell whether
	 * an email is registered.
	 */
	@Transactional
	public AccountView signUp(SignUp signUp) {
		this.clientLimits.count("SIGN_UP", this.signUpsPerHour, Duration.ofHours(1), "sign-ups");
		if (this.accounts.findByUsername(signUp.username()).isPresent() || this.accounts.emailTaken(signUp.email())) {
			throw unavailable();
		}
		try {
			Account account = new Account(signUp.username(), signUp.email().trim(),
					this.passwordEncoder.encode(signUp.password()), Role.MEMBER);
			return this.accounts.saveAndFlush(account).view();
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent sign-up won the unique index
			throw unavailable();
		}
	}

	private static AccountConflictException unavailable() {
		return new AccountConflictException("username",
				"or email cannot be used: choose another username, or sign in if you already have an account");
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> find(String username) {
		return this.accounts.findByUsername(username).map(Account::view);
	}

	/**
	 * The usernames of these accounts (other modules show who wrote or reported
	 * something); unknown ids are absent.
	 */
	@Transactional(readOnly = true)
	public Map<Long, String> usernames(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (!ids.isEmpty()) {
			this.accounts.findAllById(ids).forEach(a -> names.put(a.id(), a.username()));
		}
		return names;
	}

	@Transactional(readOnly = true)
	public List<AccountView> all() {
		return this.accounts.findAllByCreation().stream().map(Account::view).toList();
	}

	/**
	 * An admin's change of an account's role, audited with the admin. Open sessions of
	 * the account take the new role at their next request ({@link AccountSessionFilter});
	 * its tokens already read the role per request.
	 * @throws ConflictException when it would leave no enabled admin
	 */
	@Transactional
	public AccountView changeRole(long accountId, Role role, AccountView actor) {
		Account account = load(accountId);
		Role before = account.role();
		if (before == role) {
			return account.view();
		}
		if (before == Role.ADMIN) {
			requireAnotherAdmin(account);
		}
		account.changeRole(role);
		this.accounts.flush();
		this.audit.record(actor.id(), "ROLE_CHANGED", null,
				"account " + account.username() + " (#" + account.id() + "): " + before + " → " + role);
		return account.view();
	}

	/**
	 * Disables (or enables again) an account: a disabled account cannot sign in, its
	 * sessions end at their next request and its tokens stop working.
	 */
	@Transactional
	public AccountView setEnabled(long accountId, boolean enabled, AccountView actor) {
		Account account = load(accountId);
		if (account.enabled() == enabled) {
			return account.view();
		}
		if (!enabled && account.role() == Role.ADMIN) {
			requireAnotherAdmin(account);
		}
		account.setEnabled(enabled);
		this.accounts.flush();
		this.audit.record(actor.id(), enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", null,
				"account " + account.username() + " (#" + account.id() + ")");
		return account.view();
	}

	/** Ends every session of the account and revokes all its API tokens. */
	@Transactional
	public int revokeAccess(long accountId, AccountView actor) {
		Account account = load(accountId);
		this.sessions.endSessions(account.id());
		int tokens = this.tokens.deleteAll(account.id());
		this.audit.record(actor.id(), "ACCESS_REVOKED", null, "account " + account.username() + " (#" + account.id()
				+ "): sessions ended, " + tokens + " token(s) revoked");
		return tokens;
	}

	private Account load(long accountId) {
		return this.accounts.findById(accountId).orElseThrow(() -> new NotFoundException("No account " + accountId));
	}

	/**
	 * The enabled admins are locked for the rest of the transaction, so that two admins
	 * demoting each other at the same moment cannot both succeed.
	 */
	private void requireAnotherAdmin(Account admin) {
		List<Long> admins = this.accounts.lockEnabledAdmins();
		if (admins.stream().noneMatch(id -> !id.equals(admin.id()))) {
			throw new ConflictException("role",
					admin.username() + " is the last admin: make another account admin first");
		}
	}

	/** Creates the first admin once; later starts find it and do nothing. */
	@Transactional
	boolean createAdminIfNone(String username, String email, String rawPassword) {
		if (this.accounts.anyAdmin()) {
			return false;
		}
		Optional<Account> existing = this.accounts.findByUsername(username);
		if (existing.isPresent()) {
			existing.get().changeRole(Role.ADMIN);
			return true;
		}
		this.accounts.save(new Account(username, email, this.passwordEncoder.encode(rawPassword), Role.ADMIN));
		return true;
	}

}
