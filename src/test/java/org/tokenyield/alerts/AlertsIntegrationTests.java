package org.tokenyield.alerts;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change alerts through the Atom feeds and a webhook received by a local HTTP server.
 */
@IntegrationTest
class AlertsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	ChangeWatcher watcher;

	@Autowired
	AlertLog alerts;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	FigureCache cache;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	record Entry(String title, String kind, String link, String summary) {
	}

	@Test
	void aNewVersionIsAnEntryOfBothFeeds() throws Exception {
		String key = "external/alert-new-" + this.tag;
		Http.Response added = Accounts.admin(new Http(this.port))
			.post("/api/v1/models", Http.toJson(Map.of("key", key, "family", "alert-test", "provider", "external",
					"settings", List.of("default"))));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);

		Http.Response all = new Http(this.port).get("/feed.atom", "application/atom+xml");
		assertThat(all.status()).isEqualTo(200);
		assertThat(all.contentType()).startsWith("application/atom+xml");
		List<Entry> entries = entries(all.body());
		assertThat(entries).anySatisfy(e -> {
			assertThat(e.title()).isEqualTo("New version " + key);
			assertThat(e.kind()).isEqualTo("version_added");
			assertThat(e.link()).endsWith("/models/" + key);
		});
		// the catalog's own versions are in the feed from the start (the migration
		// backfills them)
		assertThat(
				entries(new Http(this.port).get("/models/tokenizer/llama3/feed.atom", "application/atom+xml").body()))
			.extracting(Entry::title)
			.containsExactly("New version tokenizer/llama3");
		assertThat(entries(new Http(this.port).get("/models/" + key + "/feed.atom", "application/atom+xml").body()))
			.extracting(Entry::kind)
			.containsExactly("version_added");
		assertThat(new Http(this.port).get("/models/external/no-such-" + this.tag + "/feed.atom").status())
			.isEqualTo(404);
	}

	/**
	 * X → Y over 8 prompts, one sample each, all right on both sides. Y generates 100
	 * tokens per prompt like X: drift 0 with interval [0, 0], accuracy change 0: no
	 * change. Then Y's runs generate 200: drift +100 % with interval [1, 1]: overhead, an
	 * alert.
	 */
	@Test
	void aVerdictThatChangesIsAnEntry() throws Exception {
		String x = "external/alert-x-" + this.tag;
		String y = "external/alert-y-" + this.tag;
		long xId = model(x, null);
		long yId = model(y, xId);
		for (int i = 0; i < 8; i++) {
			long prompt = prompt(i);
			run(xId, prompt, 100);
			run(yId, prompt, 100);
		}
		this.stamper.refreshNow(true);
		this.watcher.watch(); // first observation: recorded, no entry
		assertThat(entries(feed(y))).extracting(Entry::kind).doesNotContain("verdict_changed");

		this.jdbc.sql("update runs set output_tokens = 200 where model_id = ?").param(yId).update();
		this.stamper.refreshNow(true);
		assertThat(this.watcher.watch()).isGreaterThanOrEqualTo(1);
		List<Entry> entries = entries(feed(y));
		assertThat(entries).first().satisfies(e -> {
			assertThat(e.kind()).isEqualTo("verdict_changed");
			assertThat(e.title()).isEqualTo("Verdict of " + y + " changed to overhead");
			assertThat(e.summary()).contains("from no change to overhead");
		});
		// a second pass on the same data adds nothing
		this.watcher.watch();
		assertThat(entries(feed(y)).stream().filter(e -> e.kind().equals("verdict_changed"))).hasSize(1);
	}

	/**
	 * A pass reads every figure before it writes: its transaction takes a transaction id
	 * at its first write, and every snapshot's oldest running transaction (what a patched
	 * summary read starts from, and what vacuum may not pass) would stay at it while the
	 * pass computed the figures of the versions after the first.
	 */
	@Test
	void aPassHoldsNoTransactionIdWhileItReadsFigures() {
		long xId = model("external/alert-hold-x-" + this.tag, null);
		long yId = model("external/alert-hold-y-" + this.tag, xId);
		for (int i = 0; i < 4; i++) {
			long prompt = prompt(100 + i);
			run(xId, prompt, 100);
			run(yId, prompt, 120);
		}
		this.stamper.refreshNow(true);
		AtomicReference<Thread> watching = new AtomicReference<>(Thread.currentThread());
		List<String> seen = new CopyOnWriteArrayList<>();
		this.cache.onComputed((trigger, nanos) -> {
			if (Thread.currentThread() == watching.get()) {
				// on the pass's thread, so in its transaction
				seen.add(this.jdbc.sql("select coalesce(txid_current_if_assigned()::text, 'none')")
					.query(String.class)
					.single());
			}
		});
		try {
			this.watcher.watch();
		}
		finally {
			watching.set(null);
		}
		assertThat(seen).as("transaction ids at the pass's figure reads").hasSizeGreaterThan(2).containsOnly("none");
	}

	/**
	 * FigureFixture's version A generates 100 and 110 tokens per prompt in its early week
	 * and 120 in its late week, on every prompt: +15 tokens with an interval above 0.
	 * After an observation that said "within the interval", the watcher records one
	 * drift-over-time entry.
	 */
	@Test
	void driftOverTimeLeavingItsIntervalIsAnEntry() throws Exception {
		FigureFixture w = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
		this.watcher.watch();
		this.jdbc.sql("update alert_state set value = 'tokens=false,accuracy=false' where subject = ?")
			.param("timeline:" + w.a + "@default")
			.update();
		this.watcher.watch();
		List<Entry> entries = entries(feed(w.a));
		assertThat(entries).first().satisfies(e -> {
			assertThat(e.kind()).isEqualTo("drift_over_time");
			assertThat(e.title()).isEqualTo("Drift over time: generated tokens of " + w.a + " changed");
			assertThat(e.summary()).contains("2026-W02", "2026-W03", "+15.0");
		});
	}

	/**
	 * A webhook at a local server that answers 500 once, then 200: the delivery is
	 * retried, and each request carries a valid HMAC-SHA256 signature over timestamp and
	 * body.
	 */
	@Test
	void webhooksAreSignedAndRetried() throws Exception {
		List<String[]> received = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hook", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (body.contains(this.tag)) {
				received.add(new String[] { body, exchange.getRequestHeaders().getFirst("X-TokenYield-Timestamp"),
						exchange.getRequestHeaders().getFirst("X-TokenYield-Signature"),
						exchange.getRequestHeaders().getFirst("X-TokenYield-Event") });
			}
			int status = (body.contains(this.tag) && received.size() == 1) ? 500 : 204;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		String secret = "test-secret-" + this.tag + "-0123456789";
		String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
		try {
			Http admin = Accounts.admin(new Http(this.port));
			Http.Response form = admin.post("/admin/webhooks", "application/x-www-form-urlencoded",
					"url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&secret=" + secret);
			assertThat(form.status()).as(form.toString()).isIn(200, 302);
			Http.Response bad = admin.post("/admin/webhooks", "application/x-www-form-urlencoded",
					"url=" + URLEncoder.encode("ftp://127.0.0.1/x", StandardCharsets.UTF_8));
			assertThat(bad.body()).contains("must be an http or https URL");

			assertThat(this.alerts.record(AlertKind.SETTING_IGNORED, "external/hook-" + this.tag, false,
					"Hook test " + this.tag, "a summary", "hook-test:" + this.tag))
				.isTrue();
			this.dispatcher.deliverDue();
			await(() -> received.size() >= 1);
			assertThat(status()).isEqualTo("PENDING");

			// the retry is due 30 s later; make it due now instead of waiting
			this.jdbc.sql("""
					update webhook_deliveries set next_attempt_at = now()
					 where alert_id = (select id from alert_events where dedupe_key = ?)""")
				.param("hook-test:" + this.tag)
				.update();
			this.dispatcher.deliverDue();
			await(() -> "DELIVERED".equals(status()));
			assertThat(received).hasSize(2);
			assertThat(this.jdbc.sql("""
					select attempts from webhook_deliveries
					 where alert_id = (select id from alert_events where dedupe_key = ?)""")
				.param("hook-test:" + this.tag)
				.query(Integer.class)
				.single()).isEqualTo(2);
			for (String[] r : received) {
				assertThat(r[2]).isEqualTo("sha256=" + hmac(secret, r[1] + "." + r[0]));
				assertThat(r[3]).isEqualTo("setting_ignored");
				assertThat(Math.abs(Long.parseLong(r[1]) - Instant.now().getEpochSecond())).isLessThan(120);
				assertThat(r[0]).contains("\"title\":\"Hook test " + this.tag + "\"", "\"kind\":\"setting_ignored\"");
			}
		}
		finally {
			server.stop(0);
			this.jdbc.sql("delete from webhooks where url = ?").param(url).update();
		}
	}

	/**
	 * Loopback, private, link-local and other special addresses are refused when a
	 * webhook is added, naming the field; the suite allows 127.0.0.1 only (its local
	 * receivers), so every other loopback address is refused here as in production.
	 */
	@Test
	void aWebhookToAnInternalAddressIsRefused() {
		int database = this.jdbc.sql("select inet_server_port()").query(Integer.class).single();
		Http admin = Accounts.admin(new Http(this.port));
		for (String url : List.of("http://127.0.0.2:" + database + "/", "http://[::1]:" + database + "/",
				"http://0.0.0.0:" + database + "/", "http://10.0.0.1/hook", "http://172.16.5.4/hook",
				"http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data/", "https://[fd00::1]/hook",
				"https://[fe80::1]/hook", "http://224.0.0.1/hook", "http://[::ffff:10.0.0.1]/hook",
				"http://100.64.0.1/hook")) {
			try {
				Http.Response page = admin.post("/admin/webhooks", "application/x-www-form-urlencoded",
						"url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
				assertThat(page.status()).as(url).isEqualTo(200);
				assertThat(page.body()).as(url).contains("url must not point to");
				assertThat(this.jdbc.sql("select count(*) from webhooks where url = ?")
					.param(url)
					.query(Long.class)
					.single()).as(url).isZero();
			}
			finally {
				this.jdbc.sql("delete from webhooks where url = ?").param(url).update();
			}
		}
	}

	/**
	 * What a failed delivery records does not tell a closed port from an open one that
	 * does not speak HTTP (here the database's), so the admin page is no port scanner.
	 */
	@Test
	void aClosedPortAndAnOpenPortFailAlike() throws Exception {
		int database = this.jdbc.sql("select inet_server_port()").query(Integer.class).single();
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closed = socket.getLocalPort();
		}
		String toDatabase = "http://127.0.0.1:" + database + "/hook-" + this.tag;
		String toClosed = "http://127.0.0.1:" + closed + "/hook-" + this.tag;
		Http admin = Accounts.admin(new Http(this.port));
		try {
			for (String url : List.of(toDatabase, toClosed)) {
				Http.Response form = admin.post("/admin/webhooks", "application/x-www-form-urlencoded",
						"url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
				assertThat(form.status()).as(form.toString()).isIn(200, 302);
			}
			assertThat(this.alerts.record(AlertKind.SETTING_IGNORED, "external/ports-" + this.tag, false,
					"Ports test " + this.tag, "a summary", "ports-test:" + this.tag))
				.isTrue();
			this.dispatcher.deliverDue();
			await(() -> lastError(toDatabase) != null && lastError(toClosed) != null);
			assertThat(lastError(toDatabase)).isEqualTo(lastError(toClosed))
				.isEqualTo("delivery failed: connection error or timeout");
			assertThat(admin.get("/admin/webhooks", "text/html").body())
				.contains("delivery failed: connection error or timeout")
				.doesNotContain("Exception");
		}
		finally {
			this.jdbc.sql("delete from webhooks where url in (?, ?)").params(toDatabase, toClosed).update();
		}
	}

	private String lastError(String url) {
		return this.jdbc.sql("""
				select d.last_error from webhook_deliveries d join webhooks w on w.id = d.webhook_id
				  join alert_events a on a.id = d.alert_id
				 where w.url = ? and a.dedupe_key = ?""")
			.params(url, "ports-test:" + this.tag)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private String status() {
		return this.jdbc.sql("""
				select d.status from webhook_deliveries d join alert_events a on a.id = d.alert_id
				 where a.dedupe_key = ?""").param("hook-test:" + this.tag).query(String.class).single();
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(condition::getAsBoolean);
	}

	private static String hmac(String secret, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	private String feed(String key) {
		Http.Response r = new Http(this.port).get("/models/" + key + "/feed.atom", "application/atom+xml");
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		return r.body();
	}

	private static List<Entry> entries(String atom) throws Exception {
		DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
		f.setNamespaceAware(true);
		Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(atom.getBytes(StandardCharsets.UTF_8)));
		assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(AtomFeed.ATOM);
		NodeList list = doc.getElementsByTagNameNS(AtomFeed.ATOM, "entry");
		List<Entry> out = new java.util.ArrayList<>();
		for (int i = 0; i < list.getLength(); i++) {
			Element e = (Element) list.item(i);
			out.add(new Entry(text(e, "title"),
					((Element) e.getElementsByTagNameNS(AtomFeed.ATOM, "category").item(0)).getAttribute("term"),
					((Element) e.getElementsByTagNameNS(AtomFeed.ATOM, "link").item(0)).getAttribute("href"),
					text(e, "summary")));
		}
		return out;
	}

	private static String text(Element e, String name) {
		return e.getElementsByTagNameNS(AtomFeed.ATOM, name).item(0).getTextContent();
	}

	private long model(String key, Long predecessor) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, predecessor_id, provider, api_model, settings, active)
				values (?, 'alert-test', ?, 'external', ?, array['default'], false) returning id""")
			.params(key, predecessor, key.substring(key.indexOf('/') + 1))
			.query(Long.class)
			.single();
	}

	private long prompt(int i) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("alert " + i, "alert prompt " + i + " " + this.tag, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
	}

	private void run(long model, long prompt, long output) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, extracted_answer, score, finished_at)
				values (?, ?, ?, 'default', 0, 'SUCCEEDED', 'alerttest', 10, ?, '42', 1.0, now())""")
			.params("alert-" + this.tag + "-" + model + "-" + prompt, prompt, model, output)
			.update();
	}

}
