package org.tokenyield.alerts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhooks admins configure: an http(s) URL to an allowed address
 * ({@link WebhookTargets}) and a secret for the signature.
 */
@Service
public class Webhooks {

	private static final SecureRandom random = new SecureRandom();

	private final WebhookRepository repository;

	private final WebhookTargets targets;

	Webhooks(WebhookRepository repository, WebhookTargets targets) {
		this.repository = repository;
		this.targets = targets;
	}

	/**
	 * A webhook as the admin page lists it; the secret is shown only when it is created.
	 */
	public record Webhook(long id, String url, boolean active, Instant createdAt, int delivered, int pending,
			int failed, String lastError) {

	}

	/**
	 * A created webhook with its secret, shown once. Serializable: the page hands it to
	 * the next request as a flash attribute, which lives in the session, stored in
	 * PostgreSQL.
	 */
	public record Created(long id, String url, String secret) implements java.io.Serializable {

	}

	@Transactional
	public Created add(String url, String secret) {
		String u = this.targets.checkedUrl(url);
		String s = (secret == null || secret.isBlank()) ? HexFormat.of().formatHex(randomBytes()) : secret.strip();
		if (s.length() < 16 || s.length() > 200) {
			throw new InvalidInputException("secret", "must be 16 to 200 characters (leave it empty to get one)");
		}
		long id = this.repository.insert(u, s);
		return new Created(id, u, s);
	}

	@Transactional
	public void remove(long id) {
		this.repository.delete(id);
	}

	@Transactional(readOnly = true)
	public List<Webhook> list() {
		return this.repository.all();
	}

	private static byte[] randomBytes() {
		byte[] b = new byte[24];
		random.nextBytes(b);
		return b;
	}

}
