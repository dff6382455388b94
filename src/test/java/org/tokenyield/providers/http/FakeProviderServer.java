package org.tokenyield.providers.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderRequest;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server on 127.0.0.1 standing in for a provider: replies are queued in
 * order, every request is recorded (path, headers, body) for assertions. Never the
 * internet.
 */
public final class FakeProviderServer implements AutoCloseable {

	public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
	}

	public record Received(String method, String path, String query, Map<String, String> headers, String body) {

		public JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private final HttpServer server;

	private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();

	private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();

	private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

	public FakeProviderServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", exchange -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestURI().getQuery(), headers, body));
			Reply reply = this.replies.poll();
			if (reply == null) {
				reply = new Reply(500, Map.of(), "{\"error\":\"no reply queued\"}", Duration.ZERO);
			}
			if (!reply.delay().isZero()) {
				try {
					Thread.sleep(reply.delay().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
			try {
				exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
			catch (IOException ex) {
				// the client gave up (read timeout test)
			}
		});
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public FakeProviderServer reply(int status, String body) {
		return reply(status, Map.of(), body);
	}

	public FakeProviderServer reply(int status, Map<String, String> headers, String body) {
		this.replies.add(new Reply(status, headers, body, Duration.ZERO));
		return this;
	}

	public FakeProviderServer replySlowly(Duration delay, int status, String body) {
		this.replies.add(new Reply(status, Map.of(), body, delay));
		return this;
	}

	public FakeProviderServer replyFixture(int status, Map<String, String> headers, String fixturePath) {
		return reply(status, headers, fixture(fixturePath));
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public Received lastRequest() {
		List<Received> all = received();
		if (all.isEmpty()) {
			throw new AssertionError("no request reached the fake server");
		}
		return all.get(all.size() - 1);
	}

	/** A file under {@code src/test/resources/providers/}. */
	/** The failure a call must end in; a call that returns is a test failure. */
	public static ProviderException failureOf(ModelProvider provider, ProviderRequest request) {
		try {
			provider.complete(request);
		}
		catch (ProviderException ex) {
			return ex;
		}
		throw new AssertionError("expected a ProviderException");
	}

	public static String fixture(String path) {
		try (InputStream in = FakeProviderServer.class.getResourceAsStream("/providers/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture providers/" + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
