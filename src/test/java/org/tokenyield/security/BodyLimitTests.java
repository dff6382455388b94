package org.tokenyield.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;
import org.tokenyield.support.RawHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every body is bounded before it is parsed, chunked or not, form, multipart or JSON:
 * past {@code app.limits.max-body} it is a 413 and the rest is not read; and it must
 * arrive within {@code app.limits.body-deadline} (5 s in the tests' configuration), or
 * the connection is closed. The import page still takes files larger than a form.
 */
@IntegrationTest
class BodyLimitTests {

	private static final int MB = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private static String chunkedHead(String path, String contentType) {
		return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\nAccept: "
				+ (path.startsWith("/api/") ? "application/json" : "text/html")
				+ "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
	}

	/**
	 * Writes a chunked body of {@code total} bytes on another thread, counting what was
	 * sent, until the server closes the connection.
	 */
	private static CompletableFuture<Void> sendChunked(RawHttp http, byte[] start, long total, AtomicLong sent) {
		return CompletableFuture.runAsync(() -> {
			try {
				http.chunk(start);
				sent.addAndGet(start.length);
				byte[] chunk = new byte[64 * 1024];
				Arrays.fill(chunk, (byte) 'a');
				while (sent.get() < total) {
					http.chunk(chunk);
					sent.addAndGet(chunk.length);
				}
				http.chunk(new byte[0]);
			}
			catch (IOException ex) {
				// the server stopped reading and closed: what the test expects
			}
		});
	}

	@Test
	void aChunkedFormPastTheLimitIsRefusedWith413() throws Exception {
		try (RawHttp http = new RawHttp(this.port, Duration.ofSeconds(60))) {
			http.write(
					chunkedHead("/signup", "application/x-www-form-urlencoded").getBytes(StandardCharsets.ISO_8859_1));
			AtomicLong sent = new AtomicLong();
			CompletableFuture<Void> sending = sendChunked(http,
					"username=chunky&email=c%40example.org&password=".getBytes(StandardCharsets.ISO_8859_1), 3L * MB,
					sent);
			RawHttp.Response response = http.read();
			sending.join();
			assertThat(response.status()).as(response.head()).isEqualTo(413);
			assertThat(response.header("Content-Type")).startsWith("text/html");
		}
	}

	@Test
	void aChunkedUploadPastTheLimitIsCutBeforeItIsAllRead() throws Exception {
		String boundary = "----bounded";
		byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		try (RawHttp http = new RawHttp(this.port, Duration.ofSeconds(60))) {
			http.write(chunkedHead("/signup", "multipart/form-data; boundary=" + boundary)
				.getBytes(StandardCharsets.ISO_8859_1));
			AtomicLong sent = new AtomicLong();
			long total = 20L * MB;
			CompletableFuture<Void> sending = sendChunked(http, start, total, sent);
			int status = http.status();
			long sentWhenAnswered = sent.get();
			sending.join();
			assertThat(status).isEqualTo(413);
			// answered while the client was still sending: the rest was never read
			assertThat(sentWhenAnswered).isLessThan(total);
		}
	}

	@Test
	void aChunkedJsonBodyPastTheLimitIsAProblem() throws Exception {
		try (RawHttp http = new RawHttp(this.port, Duration.ofSeconds(60))) {
			http.write(chunkedHead("/api/v1/accounts", "application/json").getBytes(StandardCharsets.ISO_8859_1));
			CompletableFuture<Void> sending = sendChunked(http,
					"{\"username\":\"chunky\",\"password\":\"".getBytes(StandardCharsets.ISO_8859_1), 3L * MB,
					new AtomicLong());
			RawHttp.Response response = http.read();
			sending.join();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
	}

	/**
	 * Three clients trickle a byte every 200 ms: a JSON sign-up, a sign-in form, and a
	 * post the application refuses without reading. Each connection is closed once the
	 * deadline has passed, well before the bodies would have arrived.
	 */
	@Test
	void aBodyThatTricklesInIsCutAtTheDeadline() throws Exception {
		List<RawHttp> clients = new ArrayList<>();
		ScheduledExecutorService trickle = Executors.newScheduledThreadPool(1);
		try {
			for (String[] request : new String[][] { { "/api/v1/accounts", "application/json" },
					{ "/login", "application/x-www-form-urlencoded" }, { "/api/v1/prompts", "application/json" } }) {
				// the socket's read timeout bounds the test: a server that kept the
				// connection open fails it
				RawHttp http = new RawHttp(this.port, Duration.ofSeconds(30));
				clients.add(http);
				http.write(("POST " + request[0] + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + request[1]
						+ "\r\nContent-Length: 1000\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				trickle.scheduleAtFixedRate(() -> {
					try {
						http.write(new byte[] { 'a' });
					}
					catch (IOException ex) {
						// closed by the server
					}
				}, 0, 200, TimeUnit.MILLISECONDS);
			}
			for (RawHttp http : clients) {
				RawHttp.Response response = http.read();
				assertThat(response.status()).as(response.head()).isIn(401, 403, 408);
			}
		}
		finally {
			trickle.shutdownNow();
			for (RawHttp http : clients) {
				http.close();
			}
		}
	}

	/**
	 * The import page streams its upload like the API: a file far larger than a form body
	 * is imported, with the CSRF token read from the fields before it.
	 */
	@Test
	void theImportPageTakesAFileLargerThanAForm() throws Exception {
		String tag = Long.toString(System.nanoTime());
		String username = Accounts.uniqueName("bigimport");
		Accounts.maintainer(new Http(this.port), username);
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String base = "http://localhost:" + this.port;
		String login = client
			.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		var signedIn = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=" + username + "&password=correct-horse-1&_csrf=" + csrf(login)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String page = client
			.send(HttpRequest.newBuilder(URI.create(base + "/moderation/import")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		// a browser sends the fields in the page's order: the CSRF token and the dataset
		// before the file
		assertThat(page.indexOf("name=\"_csrf\"")).isPositive().isLessThan(page.indexOf("name=\"file\""));
		assertThat(page.indexOf("name=\"dataset\"")).isLessThan(page.indexOf("name=\"file\""));
		StringBuilder file = new StringBuilder();
		String padding = " ".repeat(60_000);
		for (int sample = 0; sample < 30; sample++) {
			file.append("{\"prompt_key\":\"big-")
				.append(tag)
				.append("\",\"prompt_text\":\"Big import ")
				.append(tag)
				.append("\",\"category\":\"math\",\"model\":\"harness/big-")
				.append(tag)
				.append("\",\"sample\":")
				.append(sample)
				.append(",\"output_tokens\":10,")
				.append(padding)
				.append("\"finished_at\":\"2026-11-20T10:00:00Z\"}\n");
		}
		assertThat(file.length()).isGreaterThan(MB + MB / 2);
		String boundary = "----big" + tag;
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(page)
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"dataset\"\r\n\r\nbig-" + tag
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"runs.jsonl\"\r\n"
				+ "Content-Type: application/x-ndjson\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
		var uploaded = client.send(HttpRequest.newBuilder(URI.create(base + "/moderation/import"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(uploaded.statusCode()).isEqualTo(200);
		// the page previews the upload first, then imports the upload it kept
		assertThat(uploaded.body()).contains("id=\"import-preview\"", "<strong>30</strong> runs accepted");
		String confirm = uploaded.body().replaceAll("(?s).*(<form[^>]*id=\"confirm-import\".*?</form>).*", "$1");
		StringBuilder fields = new StringBuilder();
		java.util.regex.Matcher hidden = java.util.regex.Pattern
			.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
			.matcher(confirm);
		while (hidden.find()) {
			fields.append(fields.isEmpty() ? "" : "&")
				.append(hidden.group(1))
				.append('=')
				.append(java.net.URLEncoder.encode(hidden.group(2), java.nio.charset.StandardCharsets.UTF_8));
		}
		var imported = client.send(HttpRequest.newBuilder(URI.create(base + "/moderation/import/confirm"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(fields.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(imported.body()).contains("id=\"import-result\"", "<strong>30</strong> new runs");
		assertThat(this.jdbc.sql("select count(*) from runs where dataset = ?")
			.param("big-" + tag)
			.query(Long.class)
			.single()).isEqualTo(30);
	}

	private static String csrf(String html) {
		return html.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]*)\".*", "$1");
	}

}
