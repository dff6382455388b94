package org.tokenyield.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.tokenyield.system.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: random, shown once, stored only as a SHA-256 hash (a token is already high
 * entropy, so a slow password hash buys nothing and would slow every API call).
 */
@Service
public class ApiTokenService {

	static final String PREFIX = "ty_";

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Duration lifetime;

	ApiTokenService(JdbcClient jdbc, AuditLog audit, AccountProperties properties) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.lifetime = properties.tokens().lifetime();
	}

	public record IssuedToken(long id, String name, String token, Instant expiresAt) {
	}

	public record TokenInfo(long id, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
	}

	/**
	 * A new token of the account, valid for {@code app.tokens.lifetime} (90 days by
	 * default); audited.
	 */
	@Transactional
	public IssuedToken issue(long accountId, String name) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		var created = this.jdbc.sql("""
				insert into api_tokens (account_id, name, token_hash, expires_at)
				values (?, ?, ?, now() + cast(? as interval)) returning id, expires_at""")
			.params(accountId, name, hash(token), this.lifetime.toSeconds() + " seconds")
			.query((rs, i) -> new IssuedToken(rs.getLong(1), name, token, rs.getTimestamp(2).toInstant()))
			.single();
		this.audit.record(accountId, "TOKEN_CREATED", null, "token '" + name + "' (#" + created.id() + ")");
		return created;
	}

	/** The account that owns this token, marking it used. */
	@Transactional
	Optional<String> usernameFor(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				update api_tokens t set last_used_at = now() from accounts a
				 where t.token_hash = ? and a.id = t.account_id and a.enabled and t.expires_at > now()
				returning a.username""").param(hash(token)).query(String.class).optional();
	}

	@Transactional(readOnly = true)
	public List<TokenInfo> list(long accountId) {
		return this.jdbc.sql(
				"select id, name, created_at, last_used_at, expires_at from api_tokens where account_id = ? order by id")
			.param(accountId)
			.query((rs, i) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
			.list();
	}

	@Transactional
	public boolean revoke(long accountId, long tokenId) {
		boolean revoked = this.jdbc.sql("delete from api_tokens where id = ? and account_id = ?")
			.params(tokenId, accountId)
			.update() == 1;
		if (revoked) {
			this.audit.record(accountId, "TOKEN_REVOKED", null, "token #" + tokenId);
		}
		return revoked;
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
