package org.tokenyield.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.system.BackgroundLoop;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the webhook outbox on a thread of its own, so a slow or dead receiver never
 * holds up the run queue or a request. A pass claims due deliveries in one statement
 * ({@code skip locked}, pushing their next attempt a lease ahead, so two instances never
 * send the same one at once), posts each, and records the outcome: 2xx is delivered;
 * anything else is retried with doubling backoff until {@code max-attempts}, then marked
 * failed.
 */
@Component
public class WebhookDispatcher implements DisposableBean {

	static final String DELIVERY_HEADER = "X-TokenYield-Delivery";

	static final String EVENT_HEADER = "X-TokenYield-Event";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http;

	private final Duration backoffBase;

	private final int maxAttempts;

	private final BackgroundLoop loop;

	WebhookDispatcher(JdbcClient jdbc, JsonMapper json, Clock clock, AlertProperties properties) {
		AlertProperties.Webhooks settings = properties.webhooks();
		Duration poll = settings.poll();
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.backoffBase = settings.backoffBase();
		this.maxAttempts = settings.maxAttempts();
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.loop = new BackgroundLoop("webhook-dispatcher", poll, poll, this::deliverDue);
	}

	private record Due(long id, long alertId, int attempts, String url, String secret) {

	}

	/** One pass; returns how many deliveries were attempted. */
	public int deliverDue() {
		List<Due> due = this.jdbc.sql("""
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
		due.forEach(this::deliver);
		return due.size();
	}

	private void deliver(Due d) {
		String body = payload(d.alertId());
		long timestamp = this.clock.instant().getEpochSecond();
		Integer status = null;
		String error;
		try {
			HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create(d.url()))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("User-Agent", "token-yield-webhooks")
				.header(DELIVERY_HEADER, Long.toString(d.id()))
				.header(EVENT_HEADER, kind(d.alertId()))
				.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
				.header(WebhookSignature.HEADER, WebhookSignature.sign(d.secret(), timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
			error = (status / 100 == 2) ? null : "HTTP " + status;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		catch (Exception ex) {
			error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		}
		if (error == null) {
			this.jdbc.sql("""
					update webhook_deliveries set status = 'DELIVERED', attempts = attempts + 1, last_status = ?,
					       last_error = null, delivered_at = now() where id = ?""").params(status, d.id()).update();
			return;
		}
		int attempts = d.attempts() + 1;
		long backoffMs = this.backoffBase.toMillis() << Math.min(attempts - 1, 16);
		this.jdbc.sql("""
				update webhook_deliveries set status = ?, attempts = ?, last_status = ?, last_error = ?,
				       next_attempt_at = now() + make_interval(secs => ?) where id = ?""")
			.params(attempts >= this.maxAttempts ? "FAILED" : "PENDING", attempts, status, AlertLog.clip(error, 500),
					backoffMs / 1000.0, d.id())
			.update();
	}

	private String kind(long alertId) {
		return this.jdbc.sql("select kind from alert_events where id = ?").param(alertId).query(String.class).single();
	}

	private String payload(long alertId) {
		Map<String, Object> p = this.jdbc.sql("""
				select id, kind, model_key, simulated, title, summary, occurred_at from alert_events where id = ?""")
			.param(alertId)
			.query((rs, i) -> {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("id", rs.getLong(1));
				m.put("kind", rs.getString(2));
				m.put("model", rs.getString(3));
				m.put("simulated", rs.getBoolean(4));
				m.put("title", rs.getString(5));
				m.put("summary", rs.getString(6));
				m.put("occurred_at", rs.getTimestamp(7).toInstant().toString());
				return m;
			})
			.single();
		return this.json.writeValueAsString(p);
	}

	@Override
	public void destroy() {
		this.loop.close();
	}

}
