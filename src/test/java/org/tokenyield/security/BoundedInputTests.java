package org.tokenyield.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Bounded inputs and quiet errors (docs/security.md, 'Bounded inputs'): chunked bodies
 * are counted, bad import lines are refused alone, control characters and malformed
 * filters are 400, missing things 404, and nothing internal is shown.
 */
@IntegrationTest
class BoundedInputTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@Test
	void aChunkedBodyIsCountedAsItIsRead() throws Exception {
		String name = Accounts.uniqueName("chunked");
		byte[] body = ("{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.org\",\"password\":\""
				+ "p".repeat(3 * 1024 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		// an InputStream publisher has no length: the body goes chunked, without
		// Content-Length
		var response = send(HttpRequest.newBuilder(uri("/api/v1/accounts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("Payload too large");
		assertThat(this.jdbc.sql("select count(*) from accounts where username = ?")
			.param(name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aHugeJsonStringIsRefusedWithoutAServerError() throws Exception {
		Http member = Accounts.member(new Http(this.port), Accounts.uniqueName("huge"));
		var response = member.post("/api/v1/prompts", "{\"title\":\"" + "t".repeat(900_000) + "\"}");
		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void controlCharactersAndMalformedFiltersAre400AndMissingPagesAre404() throws Exception {
		for (String path : new String[] { "/api/v1/leaderboard?category=%00", "/?category=%00", "/?difficulty=x",
				"/api/v1/leaderboard?difficulty=x", "/api/v1/leaderboard?dataset=%C3%28", "/models/a/b?setting=%0A" }) {
			var response = send(HttpRequest.newBuilder(uri(path))
				.header("Accept", path.startsWith("/api") ? "application/json" : "text/html"));
			assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
			assertThat(response.body()).as(path).doesNotContain("Exception", "at org.");
		}
		var missing = send(HttpRequest.newBuilder(uri("/prompts/999999999")).header("Accept", "text/html"));
		assertThat(missing.statusCode()).isEqualTo(404);
		var nul = new Http(this.port).post("/api/v1/accounts",
				"{\"username\":\"nul-user\",\"email\":\"n@example.org\",\"password\":\"abc\\u0000defghijk\"}");
		assertThat(nul.status()).isEqualTo(400);
	}

	@Test
	void aStateConflictIsNamedAndNothingInternalLeaks() {
		Http anonymous = new Http(this.port);
		Http member = Accounts.member(anonymous, Accounts.uniqueName("conflict"));
		Http maintainer = Accounts.maintainer(anonymous, Accounts.uniqueName("conflict-mod"));
		long id = member
			.post("/api/v1/prompts", Http.toJson(Map.of("title", "t", "text", "Conflict " + System.nanoTime(),
					"category", "factual", "grader", Map.of("type", "exact", "expected", "x"))))
			.json()
			.get("id")
			.asLong();
		assertThat(maintainer.post("/api/v1/prompts/" + id + "/reject", Http.toJson(Map.of("reason", "no"))).status())
			.isEqualTo(200);
		var again = maintainer.post("/api/v1/prompts/" + id + "/approve", "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).isEqualTo("Cannot approve a prompt that is REJECTED");
	}

	@Test
	void oneBadImportLineIsRejectedAloneWithItsNumber() {
		Http maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("importer"));
		String tag = Long.toString(System.nanoTime());
		String good = "{\"prompt_key\":\"bounded-" + tag + "\",\"prompt_text\":\"Bounded " + tag
				+ "\",\"model\":\"harness/bounded\",\"output_tokens\":10}";
		String farFuture = "{\"prompt_key\":\"bounded-" + tag + "\",\"model\":\"harness/bounded\",\"sample\":1,"
				+ "\"output_tokens\":10,\"finished_at\":\"+99999-01-01T00:00:00Z\"}";
		String nul = "{\"prompt_key\":\"bounded-nul-" + tag
				+ "\",\"prompt_text\":\"a\\u0000b\",\"model\":\"harness/bounded\"," + "\"output_tokens\":10}";
		String huge = "{\"prompt_key\":\"" + "k".repeat(200_000) + "\"}";
		var result = maintainer.post("/api/v1/imports?dataset=bounded-" + tag, "application/x-ndjson",
				String.join("\n", good, farFuture, nul, huge));
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		assertThat(result.json().get("added").asInt()).isEqualTo(1);
		assertThat(result.json().get("rejected_count").asInt()).isEqualTo(3);
		String rejected = result.json().get("rejected").toString();
		assertThat(rejected).contains("\"line\":2", "finished_at", "\"line\":3", "control characters", "\"line\":4",
				"longer than");
		assertThat(rejected).doesNotContain("SQL", "ERROR:");
	}

}
