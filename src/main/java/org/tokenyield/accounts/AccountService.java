package org.tokenyield.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	@Transactional
	public AccountView signUp(SignUp signUp) {
		if (this.accounts.findByUsername(signUp.username()).isPresent()) {
			throw new AccountConflictException("username", "is already taken");
		}
		if (this.accounts.emailTaken(signUp.email())) {
			throw new AccountConflictException("email", "is already registered");
		}
		try {
			Account account = new Account(signUp.username(), signUp.email().trim(),
					this.passwordEncoder.encode(signUp.password()), Role.MEMBER);
			return this.accounts.saveAndFlush(account).view();
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent sign-up won the unique index
			throw new AccountConflictException("username", "is already taken");
		}
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> find(String username) {
		return this.accounts.findByUsername(username).map(Account::view);
	}

	@Transactional(readOnly = true)
	public List<AccountView> all() {
		return this.accounts.findAllByCreation().stream().map(Account::view).toList();
	}

	@Transactional
	public AccountView changeRole(long accountId, Role role) {
		Account account = this.accounts.findById(accountId)
			.orElseThrow(() -> new java.util.NoSuchElementException("No account " + accountId));
		account.changeRole(role);
		return account.view();
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
