package org.tokenyield.alerts;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook outbox, table {@code webhook_deliveries}: one row per alert and active
 * webhook, queued with the alert and claimed, delivered or retried by
 * {@link WebhookDispatcher}.
 */
@Repository
class WebhookDeliveryRepository {

	private final JdbcClient jdbc;

	WebhookDeliveryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A claimed delivery: where it goes, with which secret, after how many attempts. */
	record Due(long id, long alertId, int attempts, String url, String secret) {

	}

	/** Queues one delivery of the alert per active webhook. */
	void queue(long alertId) {
		this.jdbc.sql("""
				insert into webhook_deliveries (webhook_id, alert_id)
				select id, ? from webhooks where active""").param(alertId).update();
	}

	/**
	 * Claims up to 20 due deliveries in one statement ({@code skip locked}, their next
	 * attempt pushed a lease ahead), so two instances never send the same one at once.
	 */
	List<Due> claimDue() {
		return this.jdbc.sql("""
				with claimed as (
				    update webhook_deliveries set next_attempt_at = now() + interval '2 minutes'
				     where id in (select id from webhook_deliveries
				                   where status = 'PENDING' and next_attempt_at <= now()
				                   order by id limit 20 for update skip locked)
				 returning id, webhook_id, alert_id, attempts)
				select c.id, c.alert_id, c.attempts, w.url, w.secret
				  from claimed c join webhooks w on w.id = c.webhook_id order by c.id""")
			.query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	void delivered(long id, Integer status) {
		this.jdbc.sql("""
				update webhook_deliveries set status = 'DELIVERED', attempts = attempts + 1, last_status = ?,
				       last_error = null, delivered_at = now() where id = ?""").params(status, id).update();
	}

	/**
	 * An attempt that failed: {@code status} is {@code PENDING} (retried after
	 * {@code backoffMs}) or {@code FAILED}.
	 */
	void attemptFailed(long id, String status, int attempts, Integer httpStatus, String error, long backoffMs) {
		this.jdbc.sql("""
				update webhook_deliveries set status = ?, attempts = ?, last_status = ?, last_error = ?,
				       next_attempt_at = now() + make_interval(secs => ?) where id = ?""")
			.params(status, attempts, httpStatus, error, backoffMs / 1000.0, id)
			.update();
	}

}
