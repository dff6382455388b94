package org.tokenyield.runs;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenAI-compatible server ({@code POST /v1/chat/completions}) on 127.0.0.1 that
 * plays a scenario named in the prompt text ({@code [[s:NAME]]}) and counts calls per
 * prompt text, so tests can tell exactly how often each run reached the provider. Judge
 * prompts (they start with "You are grading") get a {@code SCORE: 8} reply.
 *
 * <p>
 * Scenarios: {@code ok}; {@code r429} (429 with {@code retry-after: 1}, then ok);
 * {@code r5xx} (529, then 500, then ok); {@code slowfirst} (first call sleeps 2.5 s, then
 * ok); {@code bad400} (always 400); {@code broken} (200 with a broken body);
 * {@code truncated} (finish_reason length); {@code billed} (200 with usage, 100 + 50
 * tokens, but no answer); {@code cached} (200 prompt tokens of which 150 cached, 100
 * completion); {@code long} (300 prompt tokens, 10 completion). Anything else is ok after
 * {@code latencyMillis}.
 */
final class ScenarioProvider implements AutoCloseable {

	static {
		// the JDK server writes headers and body apart; without TCP_NODELAY, Nagle and
		// delayed ACKs
		// add ~40 ms to every call, which would be measured as the queue's overhead
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final Pattern SCENARIO = Pattern.compile("\\[\\[s:([a-z0-9]+)]]");

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final JsonMapper json = JsonMapper.builder().build();

	/** Arrival times (ms) of each call, per prompt text. */
	final Map<String, List<Long>> calls = new ConcurrentHashMap<>();

	/** Replies fully written, per prompt text. */
	final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

	final AtomicInteger inFlight = new AtomicInteger();

	final AtomicInteger maxInFlight = new AtomicInteger();

	final Map<String, AtomicInteger> inFlightByModel = new ConcurrentHashMap<>();

	final Map<String, AtomicInteger> maxInFlightByModel = new ConcurrentHashMap<>();

	volatile long latencyMillis;

	/** While true, prompts of scenario {@code flaky} get 503. */
	volatile boolean down;

	ScenarioProvider(long latencyMillis) {
		this.latencyMillis = latencyMillis;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(this.threads);
		// any path ending in /chat/completions: an instance may be given its own prefix
		// (/a/v1, /b/v1)
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/**
	 * A base URL whose calls are counted under {@code prefix} in {@link #callsByPrefix}.
	 */
	String baseUrl(String prefix) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + prefix + "/v1";
	}

	final Map<String, AtomicInteger> callsByPrefix = new ConcurrentHashMap<>();

	/**
	 * Authorization headers received (to prove a key was sent, and so could have leaked).
	 */
	final java.util.Set<String> authorizations = ConcurrentHashMap.newKeySet();

	int callsFor(String promptText) {
		return this.calls.getOrDefault(promptText, List.of()).size();
	}

	int totalCalls() {
		return this.calls.values().stream().mapToInt(List::size).sum();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String model = "";
		try (exchange) {
			JsonNode body;
			try (InputStream in = exchange.getRequestBody()) {
				body = this.json.readTree(in.readAllBytes());
			}
			model = body.path("model").asString();
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			if (auth != null) {
				this.authorizations.add(auth);
			}
			String path = exchange.getRequestURI().getPath();
			this.callsByPrefix.computeIfAbsent(path.substring(1, path.indexOf('/', 1)), k -> new AtomicInteger())
				.incrementAndGet();
			String prompt = body.path("messages").get(0).path("content").asString();
			int n;
			List<Long> times = this.calls.computeIfAbsent(prompt, k -> new CopyOnWriteArrayList<>());
			synchronized (times) {
				times.add(System.currentTimeMillis());
				n = times.size();
			}
			int now = this.inFlight.incrementAndGet();
			this.maxInFlight.accumulateAndGet(now, Math::max);
			int m = this.inFlightByModel.computeIfAbsent(model, k -> new AtomicInteger()).incrementAndGet();
			this.maxInFlightByModel.computeIfAbsent(model, k -> new AtomicInteger()).accumulateAndGet(m, Math::max);
			try {
				respond(exchange, prompt, n);
				this.answered.computeIfAbsent(prompt, k -> new AtomicInteger()).incrementAndGet();
			}
			finally {
				this.inFlight.decrementAndGet();
				this.inFlightByModel.get(model).decrementAndGet();
			}
		}
		catch (IOException ex) {
			// the client went away (a timeout, a killed instance): nothing to answer
		}
	}

	private void respond(HttpExchange exchange, String prompt, int call) throws IOException {
		if (prompt.startsWith("You are grading")) {
			send(exchange, 200, Map.of(),
					completion("The answer meets most of the rubric.\nSCORE: 8", "stop", 300, 20));
			return;
		}
		Matcher m = SCENARIO.matcher(prompt);
		String scenario = m.find() ? m.group(1) : "ok";
		switch (scenario) {
			case "r429" -> {
				if (call == 1) {
					send(exchange, 429, Map.of("retry-after", "1", "x-ratelimit-remaining-requests", "0"),
							error("rate_limit_exceeded", "Rate limit reached for requests"));
					return;
				}
			}
			case "r5xx" -> {
				if (call == 1) {
					send(exchange, 529, Map.of(), error("overloaded", "Overloaded"));
					return;
				}
				if (call == 2) {
					send(exchange, 500, Map.of(), error("server_error", "The server had an error"));
					return;
				}
			}
			case "slowfirst" -> {
				if (call == 1) {
					sleep(2500);
				}
			}
			case "flaky" -> {
				if (this.down) {
					send(exchange, 503, Map.of(), error("service_unavailable", "Service temporarily unavailable"));
					return;
				}
			}
			case "bad400" -> {
				send(exchange, 400, Map.of(), error("invalid_request_error", "Unsupported parameter: 'max_tokens'"));
				return;
			}
			case "broken" -> {
				send(exchange, 200, Map.of(), "{\"id\": \"chatcmpl-1\", \"choices\": [");
				return;
			}
			case "truncated" -> {
				send(exchange, 200, Map.of(), completion("The answer is 4", "length", 12, 4096));
				return;
			}
			case "billed" -> {
				// usage came back, the answer did not: a final failure that was billed
				// all the same
				send(exchange, 200, Map.of(), "{\"id\":\"chatcmpl-b\",\"usage\":{\"prompt_tokens\":100,"
						+ "\"completion_tokens\":50,\"total_tokens\":150}}");
				return;
			}
			case "cached" -> {
				send(exchange, 200, Map.of(), completion("42", "stop", 200, 100).replace("\"total_tokens\":300}",
						"\"total_tokens\":300,\"prompt_tokens_details\":{\"cached_tokens\":150}}"));
				return;
			}
			case "long" -> {
				send(exchange, 200, Map.of(), completion("42", "stop", 300, 10));
				return;
			}
			default -> {
			}
		}
		sleep(this.latencyMillis);
		send(exchange, 200, Map.of("x-ratelimit-remaining-requests", "99", "x-request-id", "req-" + call),
				completion("42", "stop", 12, 7));
	}

	private static String completion(String text, String finish, int prompt, int completion) {
		return """
				{"id":"chatcmpl-x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",\
				"content":%s},"finish_reason":"%s"}],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
			.formatted(quote(text), finish, prompt, completion, prompt + completion);
	}

	private static String error(String code, String message) {
		return "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"" + code + "\",\"param\":null,\"code\":\""
				+ code + "\"}}";
	}

	private static String quote(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
