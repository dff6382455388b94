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

import org.springframework.security.access.AccessDeniedException;
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

	private final ApiTokenRepository tokens;

	private final AuditLog audit;

	private final Duration lifetime;

	ApiTokenService(ApiTokenRepository tokens, AuditLog audit, AccountProperties properties) {
		this.tokens = tokens;
		this.audit = audit;
		this.lifetime = properties.tokens().lifetime();
	}

	public record IssuedToken(long id, String name, String token, Instant expiresAt) {
	}

	public record TokenInfo(long id, String name, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
	}

	/**
	 * A new token of the account, valid for {@code app.tokens.lifetime} (90 days by
	 * default); audited. Only a password sign-in (HTTP Basic, or a session signed in on
	 * the form) creates tokens, on the API and the pages alike: a token that minted
	 * tokens would outlive its own revocation and expiry.
	 * @throws AccessDeniedException when this request was signed in with a token
	 */
	@Transactional
	public IssuedToken issue(long accountId, String name) {
		if (CurrentAccount.signedInWithToken()) {
			throw new AccessDeniedException(
					"A token cannot create tokens: sign in with your password (HTTP Basic) or on /account");
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiTokenRepository.Stored stored = this.tokens.add(accountId, name, hash(token), this.lifetime);
		var created = new IssuedToken(stored.id(), name, token, stored.expiresAt());
		this.audit.record(accountId, "TOKEN_CREATED", null, "token '" + name + "' (#" + created.id() + ")");
		return created;
	}

	/** The account that owns this token, marking it used. */
	@Transactional
	Optional<String> usernameFor(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return this.tokens.use(hash(token));
	}

	@Transactional(readOnly = true)
	public List<TokenInfo> list(long accountId) {
		return this.tokens.ofAccount(accountId);
	}

	@Transactional
	public boolean revoke(long accountId, long tokenId) {
		boolean revoked = this.tokens.delete(accountId, tokenId);
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
