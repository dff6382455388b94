package org.tokenyield.system;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code client_actions} table: one row per limited act of a client address, or of an
 * account ({@code account:<id>} in {@code client}).
 */
@Repository
class ClientActionsRepository {

	private final JdbcClient jdbc;

	ClientActionsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * How many times a client did an act within a window, and when the oldest of those
	 * was.
	 */
	record Recent(long count, Instant oldest) {
	}

	/**
	 * Serializes the acts of one client until the transaction ends, so that parallel
	 * requests cannot all pass the count.
	 */
	void lock(String action, String client) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
			.param(action + "|" + client)
			.query(Object.class)
			.list();
	}

	Recent within(String action, String client, Duration window) {
		String interval = window.toSeconds() + " seconds";
		return this.jdbc.sql("""
				select count(*), min(at) from client_actions
				 where action = ? and client = ? and at > now() - cast(? as interval)""")
			.params(action, client, interval)
			.query((rs, i) -> {
				Timestamp oldest = rs.getTimestamp(2);
				return new Recent(rs.getLong(1), oldest == null ? null : oldest.toInstant());
			})
			.single();
	}

	void add(String action, String client) {
		this.jdbc.sql("insert into client_actions (action, client) values (?, ?)").params(action, client).update();
	}

	/**
	 * Acts older than two days: every window is shorter, so they count for nothing any
	 * more.
	 */
	void forgetOld() {
		this.jdbc.sql("delete from client_actions where at < now() - interval '2 days'").update();
	}

}
