package org.tokenyield.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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

	ApiTokenService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record IssuedToken(long id, String name, String token) {
	}

	public record TokenInfo(long id, String name, Instant createdAt, Instant lastUsedAt) {
	}

	@Transactional
	public IssuedToken issue(long accountId, String name) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		long id = this.jdbc
			.sql("insert into api_tokens (account_id, name, token_hash) values (?, ?, ?) returning id")
			.params(accountId, name, hash(token))
			.query(Long.class)
			.single();
		return new IssuedToken(id, name, token);
	}

	/** The account that owns this token, marking it used. */
	@Transactional
	Optional<String> usernameFor(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				update api_tokens t set last_used_at = now() from accounts a
				 where t.token_hash = ? and a.id = t.account_id and a.enabled
				returning a.username""").param(hash(token)).query(String.class).optional();
	}

	@Transactional(readOnly = true)
	public List<TokenInfo> list(long accountId) {
		return this.jdbc
			.sql("select id, name, created_at, last_used_at from api_tokens where account_id = ? order by id")
			.param(accountId)
			.query((rs, i) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	@Transactional
	public boolean revoke(long accountId, long tokenId) {
		return this.jdbc.sql("delete from api_tokens where id = ? and account_id = ?")
			.params(tokenId, accountId)
			.update() == 1;
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
