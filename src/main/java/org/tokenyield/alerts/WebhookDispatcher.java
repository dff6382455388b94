package org.tokenyield.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.tokenyield.alerts.WebhookDeliveryRepository.Due;
import org.tokenyield.system.BackgroundLoop;

import org.springframework.beans.factory.DisposableBean;
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

	private final WebhookDeliveryRepository deliveries;

	private final AlertRepository alerts;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http;

	private final Duration backoffBase;

	private final int maxAttempts;

	private final BackgroundLoop loop;

	WebhookDispatcher(WebhookDeliveryRepository deliveries, AlertRepository alerts, JsonMapper json, Clock clock,
			AlertProperties properties) {
		AlertProperties.Webhooks settings = properties.webhooks();
		Duration poll = settings.poll();
		this.deliveries = deliveries;
		this.alerts = alerts;
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

	/** One pass; returns how many deliveries were attempted. */
	public int deliverDue() {
		List<Due> due = this.deliveries.claimDue();
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
			this.deliveries.delivered(d.id(), status);
			return;
		}
		int attempts = d.attempts() + 1;
		long backoffMs = this.backoffBase.toMillis() << Math.min(attempts - 1, 16);
		this.deliveries.attemptFailed(d.id(), attempts >= this.maxAttempts ? "FAILED" : "PENDING", attempts, status,
				AlertLog.clip(error, 500), backoffMs);
	}

	private String kind(long alertId) {
		return this.alerts.kind(alertId);
	}

	private String payload(long alertId) {
		return this.json.writeValueAsString(this.alerts.payload(alertId));
	}

	@Override
	public void destroy() {
		this.loop.close();
	}

}
