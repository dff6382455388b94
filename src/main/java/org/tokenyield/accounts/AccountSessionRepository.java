package org.tokenyield.accounts;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a signed-in session checks against its account on every request
 * ({@link AccountSessionFilter}), and the account's session epoch: a session remembers
 * the epoch it began in, and ending an account's sessions moves the epoch on, so on any
 * instance.
 */
@Component
class AccountSessionRepository {

	private final JdbcClient jdbc;

	AccountSessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account as a session sees it now. */
	record SessionAccount(String username, Role role, boolean enabled, int epoch) {
	}

	Optional<SessionAccount> find(String username) {
		return this.jdbc
			.sql("select username, role, enabled, session_epoch from accounts where lower(username) = lower(?)")
			.param(username)
			.query((rs, i) -> new SessionAccount(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getBoolean(3),
					rs.getInt(4)))
			.optional();
	}

	/** Ends every session the account has open, at each session's next request. */
	void endSessions(long accountId) {
		this.jdbc.sql("update accounts set session_epoch = session_epoch + 1 where id = ?").param(accountId).update();
	}

}
