package org.tokenyield.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public query parameter, path id and JSON field, fed wrong types, sizes, NUL,
 * invalid UTF-8, huge numbers, SQL and regex metacharacters. Never a 500, never a lost
 * row.
 */
@IntegrationTest
class PublicInputFuzzTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Query values, already percent-encoded as a client could send them. */
	static final List<String> QUERY_VALUES = List.of("", "x", "-1", "0", "99999999999999999999999", "1e309", "NaN",
			"%00", "a%00b", "%C3%28", "%FF%FE", "%27%20OR%201%3D1--", "%22%3B%20drop%20table%20runs%3B--", ".*",
			"(a%2B)%2B%24", "%5B", "%5C", "a".repeat(3000), "%0A", "%3Cscript%3E", "..%2F..%2Fetc%2Fpasswd",
			"thinking:99999999999999999999", "effort:%00", "tokenizer%2Fo200k_base", "x/y/z", "%E2%80%AE");

	static final Map<String, List<String>> QUERIES = new LinkedHashMap<>();

	static {
		List<String> filter = List.of("category", "difficulty", "setting", "dataset", "format");
		QUERIES.put("/api/v1/leaderboard", filter);
		QUERIES.put("/api/v1/drift", List.of("from", "to", "category", "difficulty", "setting", "dataset"));
		QUERIES.put("/api/v1/drift/prompts", List.of("from", "to"));
		for (String figure : List.of("scaling", "variance", "length", "parallel", "adaptive", "timeline", "unseen")) {
			QUERIES.put("/api/v1/" + figure,
					List.of("model", "category", "difficulty", "setting", "dataset", "format"));
		}
		QUERIES.put("/api/v1/runs", List.of("model", "prompt", "status", "plan", "page", "size", "format"));
		QUERIES.put("/api/v1/prompts", List.of("status"));
		QUERIES.put("/api/v1/models", List.of("format"));
		QUERIES.put("/", filter);
		QUERIES.put("/compare", List.of("from", "to", "category", "difficulty", "setting", "dataset"));
		List<String> workload = List.of("mix", "prompts_per_month", "cache_hit", "difficulty", "setting", "dataset");
		QUERIES.put("/api/v1/projection", workload);
		QUERIES.put("/workload", workload);
		QUERIES.put("/models/tokenizer/o200k_base", List.of("category", "difficulty", "setting", "dataset"));
	}

	static final List<String> PATHS = List.of("/api/v1/runs/", "/api/v1/runs/%s/bundle", "/api/v1/prompts/",
			"/prompts/", "/runs/", "/models/", "/api/v1/models/");

	/** JSON values, written raw into a body. */
	static final List<String> JSON_VALUES = List.of("null", "true", "0", "-1", "1e309",
			"123456789012345678901234567890", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"' OR 1=1--\"",
			"\"(a+)+$\"", "\"[\"", "\"" + "x".repeat(30_000) + "\"", "[]", "[1,2]", "{}", "{\"a\":{\"b\":[]}}",
			"\"<script>alert(1)</script>\"", "\"\\n\\r\\t\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private record Probe(String what, int status, String body) {
	}

	private Probe get(String path) throws Exception {
		HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", path.startsWith("/api") ? "application/json" : "text/html")
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return new Probe("GET " + path, r.statusCode(), r.body());
	}

	@Test
	void noQueryParameterOrPathIdGivesA500OrLosesARow() throws Exception {
		long prompts = count("prompts");
		long runs = count("runs");
		long accounts = count("accounts");
		List<Probe> failures = new ArrayList<>();
		for (var endpoint : QUERIES.entrySet()) {
			for (String parameter : endpoint.getValue()) {
				for (String value : QUERY_VALUES) {
					Probe p = get(endpoint.getKey() + "?" + parameter + "=" + value);
					if (p.status() >= 500) {
						failures.add(p);
					}
				}
			}
		}
		for (String path : PATHS) {
			for (String value : QUERY_VALUES) {
				if (value.isEmpty()) {
					continue;
				}
				Probe p = get(path.contains("%s") ? path.formatted(value) : path + value);
				if (p.status() >= 500) {
					failures.add(p);
				}
			}
		}
		assertThat(failures).extracting(p -> p.what() + " -> " + p.status()).isEmpty();
		assertThat(count("prompts")).isGreaterThanOrEqualTo(prompts);
		assertThat(count("runs")).isGreaterThanOrEqualTo(runs);
		assertThat(count("accounts")).isGreaterThanOrEqualTo(accounts);
	}

	@Test
	void noJsonFieldGivesA500OrLosesARow() {
		Http anonymous = new Http(this.port);
		Http member = Accounts.member(anonymous, Accounts.uniqueName("fuzz"));
		Http admin = Accounts.admin(anonymous);
		long prompt = member
			.post("/api/v1/prompts", Http.toJson(Map.of("title", "t", "text", "Fuzz target " + System.nanoTime(),
					"category", "factual", "grader", Map.of("type", "exact", "expected", "x"))))
			.json()
			.get("id")
			.asLong();
		long prompts = count("prompts");
		long runs = count("runs");
		List<String> failures = new ArrayList<>();
		String signUp = "{\"username\":%s,\"email\":%s,\"password\":%s}";
		String submit = "{\"title\":%s,\"text\":%s,\"category\":%s,\"grader\":%s}";
		for (String v : JSON_VALUES) {
			String name = "\"" + Accounts.uniqueName("f") + "\"";
			String mail = "\"" + Accounts.uniqueName("f") + "@example.org\"";
			String text = "\"Fuzz " + System.nanoTime() + "\"";
			Map<String, Http.Response> probes = new LinkedHashMap<>();
			probes.put("sign-up username " + v,
					anonymous.post("/api/v1/accounts", signUp.formatted(v, mail, "\"correct-horse-1\"")));
			probes.put("sign-up email " + v,
					anonymous.post("/api/v1/accounts", signUp.formatted(name, v, "\"correct-horse-1\"")));
			probes.put("sign-up password " + v, anonymous.post("/api/v1/accounts", signUp.formatted(name, mail, v)));
			probes.put("title " + v, member.post("/api/v1/prompts",
					submit.formatted(v, text, "\"factual\"", "{\"type\":\"exact\",\"expected\":\"x\"}")));
			probes.put("text " + v, member.post("/api/v1/prompts",
					submit.formatted("\"t\"", v, "\"factual\"", "{\"type\":\"exact\",\"expected\":\"x\"}")));
			probes.put("category " + v, member.post("/api/v1/prompts",
					submit.formatted("\"t\"", text, v, "{\"type\":\"exact\",\"expected\":\"x\"}")));
			probes.put("grader " + v,
					member.post("/api/v1/prompts", submit.formatted("\"t\"", text, "\"factual\"", v)));
			for (String field : List.of("type", "expected", "tolerance", "pattern", "all", "rubric", "options")) {
				String grader = "{\"type\":\"" + (field.equals("type") ? "" : typeOf(field)) + "\",\"" + field + "\":"
						+ v + "}";
				if (field.equals("type")) {
					grader = "{\"type\":" + v + "}";
				}
				probes.put("grader." + field + " " + v,
						member.post("/api/v1/prompts", submit.formatted("\"t\"", text, "\"factual\"", grader)));
			}
			probes.put("report reason " + v,
					member.post("/api/v1/prompts/" + prompt + "/report", "{\"reason\":" + v + "}"));
			probes.put("token name " + v, anonymous.basic(Accounts.ADMIN, Accounts.ADMIN_PASSWORD)
				.post("/api/v1/tokens", "{\"name\":" + v + "}"));
			for (String field : List.of("models", "prompts", "settings", "samples", "confirm")) {
				String body = "{\"models\":[\"tokenizer/r50k_base\"],\"" + field + "\":" + v + "}";
				probes.put("plan " + field + " " + v, admin.post("/api/v1/plans?dry_run=true", body));
			}
			probes.put("role " + v, admin.post("/api/v1/accounts/admin/role", "{\"role\":" + v + "}"));
			probes.forEach((what, response) -> {
				if (response.status() >= 500) {
					failures.add(what.substring(0, Math.min(what.length(), 80)) + " -> " + response);
				}
			});
		}
		assertThat(failures).isEmpty();
		assertThat(count("prompts")).isGreaterThanOrEqualTo(prompts);
		assertThat(count("runs")).isGreaterThanOrEqualTo(runs);
		assertThat(this.jdbc.sql("select role from accounts where username = 'admin'").query(String.class).single())
			.isEqualTo("ADMIN");
	}

	private static String typeOf(String field) {
		return switch (field) {
			case "tolerance" -> "numeric";
			case "pattern" -> "regex";
			case "all" -> "contains";
			case "rubric" -> "judge";
			case "options" -> "choice";
			default -> "exact";
		};
	}

}
