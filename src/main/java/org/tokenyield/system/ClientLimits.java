package org.tokenyield.system;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits of an act per client address (sign-up, submission, report), counted in PostgreSQL so
 * that every instance of a deployment sees the same count.
 */
@Service
public class ClientLimits {

	private final JdbcClient jdbc;

	ClientLimits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one more {@code action} by the current client, or refuses it.
	 * @throws TooManyRequestsException when the client already did it {@code max} times within
	 * {@code window}; {@code Retry-After} is when the oldest of those leaves the window
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW) // counted even when the act then fails
	public void count(String action, int max, Duration window, String what) {
		String client = ClientAddress.current();
		String interval = window.toSeconds() + " seconds";
		// serializes the acts of one client, so that parallel requests cannot all pass the count
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(action + "|" + client).query(Object.class).list();
		var oldest = this.jdbc.sql("""
				select count(*), min(at) from client_actions
				 where action = ? and client = ? and at > now() - cast(? as interval)""")
			.params(action, client, interval)
			.query((rs, i) -> new Object[] { rs.getLong(1), rs.getTimestamp(2) })
			.single();
		if ((long) oldest[0] >= max) {
			long waited = (System.currentTimeMillis() - ((java.sql.Timestamp) oldest[1]).getTime()) / 1000;
			throw new TooManyRequestsException("At most " + max + " " + what + " per client in " + describe(window)
					+ "; try again later.", Duration.ofSeconds(Math.max(1, window.toSeconds() - waited)));
		}
		this.jdbc.sql("insert into client_actions (action, client) values (?, ?)").params(action, client).update();
		if (ThreadLocalRandom.current().nextInt(200) == 0) {
			this.jdbc.sql("delete from client_actions where at < now() - interval '2 days'").update();
		}
	}

	private static String describe(Duration window) {
		return window.toHours() >= 1 && window.toMinutes() % 60 == 0 ? window.toHours() + " hour(s)"
				: window.toMinutes() + " minute(s)";
	}

}
