package org.tokenyield.alerts;

import java.util.List;

import org.tokenyield.alerts.Webhooks.Webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhooks} table, listed with the counts of their deliveries;
 * {@link Webhooks} holds the rules.
 */
@Repository
class WebhookRepository {

	private final JdbcClient jdbc;

	WebhookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The new webhook's id. */
	long insert(String url, String secret) {
		return this.jdbc.sql("insert into webhooks (url, secret) values (?, ?) returning id")
			.params(url, secret)
			.query(Long.class)
			.single();
	}

	void delete(long id) {
		this.jdbc.sql("delete from webhooks where id = ?").param(id).update();
	}

	List<Webhook> all() {
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

}
