package org.tokenyield.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.tokenyield.accounts.ApiTokenService.TokenInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The API tokens' SQL. Tokens are stored only as their hash ({@link ApiTokenService}
 * hashes); expiry and last use are the database's time, so every instance agrees. Callers
 * hold the transaction.
 */
@Component
class ApiTokenRepository {

	private final JdbcClient jdbc;

	ApiTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What the database assigned to a new token. */
	record Stored(long id, Instant expiresAt) {
	}

	Stored add(long accountId, String name, String tokenHash, Duration lifetime) {
		return this.jdbc.sql("""
				insert into api_tokens (account_id, name, token_hash, expires_at)
				values (?, ?, ?, now() + cast(? as interval)) returning id, expires_at""")
			.params(accountId, name, tokenHash, lifetime.toSeconds() + " seconds")
			.query((rs, i) -> new Stored(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.single();
	}

	/**
	 * The username of the enabled account that owns this unexpired token, marking the
	 * token used.
	 */
	Optional<String> use(String tokenHash) {
		return this.jdbc.sql("""
				update api_tokens t set last_used_at = now() from accounts a
				 where t.token_hash = ? and a.id = t.account_id and a.enabled and t.expires_at > now()
				returning a.username""").param(tokenHash).query(String.class).optional();
	}

	List<TokenInfo> ofAccount(long accountId) {
		return this.jdbc.sql(
				"select id, name, created_at, last_used_at, expires_at from api_tokens where account_id = ? order by id")
			.param(accountId)
			.query((rs, i) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
			.list();
	}

	/** True when the account had this token. */
	boolean delete(long accountId, long tokenId) {
		return this.jdbc.sql("delete from api_tokens where id = ? and account_id = ?")
			.params(tokenId, accountId)
			.update() == 1;
	}

	/** How many tokens the account had. */
	int deleteAll(long accountId) {
		return this.jdbc.sql("delete from api_tokens where account_id = ?").param(accountId).update();
	}

}
