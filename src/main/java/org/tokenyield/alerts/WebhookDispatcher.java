package org.tokenyield.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * failed. Each POST goes through {@link WebhookPost}: to a checked address only, with an
 * error text that says nothing of the port it met.
 */
@Component
public class WebhookDispatcher implements DisposableBean {

	static final String DELIVERY_HEADER = "X-TokenYield-Delivery";

	static final String EVENT_HEADER = "X-TokenYield-Event";

	private final WebhookDeliveryRepository deliveries;

	private final AlertRepository alerts;

	private final JsonMapper json;

	private final Clock clock;

	private final WebhookPost post;

	private final Duration backoffBase;

	private final int maxAttempts;

	private final BackgroundLoop loop;

	WebhookDispatcher(WebhookDeliveryRepository deliveries, AlertRepository alerts, JsonMapper json, Clock clock,
			AlertProperties properties, WebhookTargets targets) {
		AlertProperties.Webhooks settings = properties.webhooks();
		Duration poll = settings.poll();
		this.deliveries = deliveries;
		this.alerts = alerts;
		this.json = json;
		this.clock = clock;
		this.backoffBase = settings.backoffBase();
		this.maxAttempts = settings.maxAttempts();
		// one client for every delivery, closed with the dispatcher
		this.post = new WebhookPost(targets, Duration.ofSeconds(5), Duration.ofSeconds(10));
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
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("User-Agent", "token-yield-webhooks");
		headers.put(DELIVERY_HEADER, Long.toString(d.id()));
		headers.put(EVENT_HEADER, kind(d.alertId()));
		headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
		headers.put(WebhookSignature.HEADER, WebhookSignature.sign(d.secret(), timestamp, body));
		WebhookPost.Outcome outcome = this.post.send(d.url(), headers, body.getBytes(StandardCharsets.UTF_8));
		Integer status = outcome.status();
		String error = outcome.error();
		if (outcome.delivered()) {
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
		this.post.close();
	}

}
