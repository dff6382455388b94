package org.tokenyield.alerts;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.tokenyield.system.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The webhooks admins configure: an http(s) URL and a secret for the signature. */
@Service
public class Webhooks {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	Webhooks(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		String u = url == null ? "" : url.strip();
		URI parsed;
		try {
			parsed = URI.create(u);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("url", "is not a URL");
		}
		if (u.length() > 500 || parsed.getHost() == null
				|| !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
			throw new InvalidInputException("url", "must be an http or https URL of at most 500 characters");
		}
		String s = (secret == null || secret.isBlank()) ? HexFormat.of().formatHex(randomBytes()) : secret.strip();
		if (s.length() < 16 || s.length() > 200) {
			throw new InvalidInputException("secret", "must be 16 to 200 characters (leave it empty to get one)");
		}
		long id = this.jdbc.sql("insert into webhooks (url, secret) values (?, ?) returning id")
			.params(u, s)
			.query(Long.class)
			.single();
		return new Created(id, u, s);
	}

	@Transactional
	public void remove(long id) {
		this.jdbc.sql("delete from webhooks where id = ?").param(id).update();
	}

	@Transactional(readOnly = true)
	public List<Webhook> list() {
		return this.jdbc
			.sql("""
					select w.id, w.url, w.active, w.created_at,
					       count(d.id) filter (where d.status = 'DELIVERED'),
					       count(d.id) filter (where d.status = 'PENDING'),
					       count(d.id) filter (where d.status = 'FAILED'),
					       (select last_error from webhook_deliveries x where x.webhook_id = w.id and x.last_error is not null
					         order by x.id desc limit 1)
					  from webhooks w left join webhook_deliveries d on d.webhook_id = w.id
					 group by w.id order by w.id""")
			.query((rs, i) -> new Webhook(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
					rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getString(8)))
			.list();
	}

	private static byte[] randomBytes() {
		byte[] b = new byte[24];
		random.nextBytes(b);
		return b;
	}

}
