package org.tokenyield.alerts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.providers.TokenCounter;
import org.tokenyield.alerts.Webhooks.Created;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.NewModelVersion;
import org.tokenyield.system.InvalidInputException;

import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The alerts module with the modules it depends on (analytics, catalog, system) on the
 * shared embedded PostgreSQL, without the run queue or other features' pages: a version
 * added through the catalog's API is an alert, recorded in the catalog's transaction, and
 * delivered to a webhook, here a local HTTP receiver, signed with the webhook's secret.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the run worker, which belongs to a module not started here
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class AlertsModuleTests {

	// analytics counts unseen tokens with the providers' tokenizers, a module not started
	// here
	@MockitoBean
	TokenCounter tokens;

	/** What the receiver got: body and headers. */
	record Delivery(String body, Map<String, List<String>> headers) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	@Autowired
	CatalogService catalog;

	@Autowired
	Webhooks webhooks;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	AlertLog alerts;

	@Autowired
	JsonMapper json;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final List<Delivery> received = new CopyOnWriteArrayList<>();

	HttpServer receiver;

	Created webhook;

	@BeforeEach
	void receiver() throws Exception {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/hook", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			// other tests' alerts may reach this webhook while it exists: keep this
			// test's
			if (body.contains(this.tag)) {
				this.received.add(new Delivery(body, Map.copyOf(exchange.getRequestHeaders())));
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stop() {
		if (this.webhook != null) {
			this.webhooks.remove(this.webhook.id());
		}
		this.receiver.stop(0);
	}

	@Test
	void aNewVersionIsDeliveredToTheWebhookSignedWithItsSecret() throws Exception {
		String secret = "module-secret-" + this.tag + "-0123456789";
		this.webhook = this.webhooks.add("http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook", secret);
		String key = "external/alerts-module-" + this.tag;

		this.catalog.add(new NewModelVersion(key, "alerts-module", null, "external", null, List.of("default"), null,
				null, false, null));

		assertThat(this.alerts.recent(key)).singleElement().satisfies(a -> {
			assertThat(a.kind()).isEqualTo(AlertKind.VERSION_ADDED);
			assertThat(a.title()).isEqualTo("New version " + key);
		});
		// the background dispatcher may be first; either way the delivery is made once
		this.dispatcher.deliverDue();
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.received.isEmpty());
		Delivery delivery = this.received.get(0);
		JsonNode body = this.json.readTree(delivery.body());
		assertThat(body.get("kind").asString()).isEqualTo("version_added");
		assertThat(body.get("model").asString()).isEqualTo(key);
		assertThat(body.get("title").asString()).isEqualTo("New version " + key);
		assertThat(body.get("simulated").asBoolean()).isFalse();
		assertThat(delivery.header("X-TokenYield-Event")).isEqualTo("version_added");
		String timestamp = delivery.header("X-TokenYield-Timestamp");
		assertThat(delivery.header("X-TokenYield-Signature"))
			.isEqualTo("sha256=" + hmac(secret, timestamp + "." + delivery.body()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.webhooks.list()
				.stream()
				.anyMatch(w -> w.id() == this.webhook.id() && w.delivered() >= 1 && w.pending() == 0));
		assertThat(this.received).hasSize(1);
	}

	@Test
	void aWebhookThatIsNotHttpIsRefusedAndNotStored() {
		int before = this.webhooks.list().size();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.webhooks.add("file:///etc/passwd", null))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsKey("url"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.webhooks.add("http://127.0.0.1/hook", "too-short"))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsKey("secret"));
		assertThat(this.webhooks.list()).hasSize(before);
	}

	private static String hmac(String secret, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
