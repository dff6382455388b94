package org.tokenyield.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the application serves is valid (swagger-parser finds nothing to
 * report), every public GET under /api/v1 documents a typed JSON answer, and where it
 * documents CSV the endpoint really answers text/csv. Each endpoint without a path
 * variable is called, and the fields of its real JSON answer must be the documented ones
 * (snake_case, API.md).
 */
@IntegrationTest
class OpenApiDocumentTests {

	/**
	 * A snapshot's stored file: its shape is the file's (runs.jsonl, runs.csv,
	 * figures.json, manifest.json).
	 */
	static final Set<String> FILE_DOWNLOADS = Set.of("/api/v1/exports/{date}/{name}");

	/**
	 * Added to every figure by FigureResponses beside the As-Of header
	 * (docs/live-figures.md).
	 */
	static final String AS_OF = "as_of";

	static final Set<String> FIGURES = Set.of("/api/v1/leaderboard", "/api/v1/drift", "/api/v1/drift/prompts",
			"/api/v1/scaling", "/api/v1/variance", "/api/v1/length", "/api/v1/parallel", "/api/v1/adaptive",
			"/api/v1/timeline");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	Http http;

	OpenAPI api;

	FigureFixture world;

	@BeforeEach
	void load() {
		this.http = new Http(this.port);
		var doc = this.http.get("/api/v1/openapi");
		assertThat(doc.status()).isEqualTo(200);
		ParseOptions options = new ParseOptions();
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body(), null, options);
		assertThat(parsed.getMessages()).as("swagger-parser's validation messages").isEmpty();
		this.api = parsed.getOpenAPI();
		assertThat(this.api.getOpenapi()).startsWith("3.");
		this.world = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
	}

	private Map<String, Operation> publicGets() {
		Map<String, Operation> gets = new java.util.TreeMap<>();
		this.api.getPaths().forEach((path, item) -> {
			if (path.startsWith("/api/v1/") && item.getGet() != null) {
				gets.put(path, item.getGet());
			}
		});
		return gets;
	}

	private Schema<?> resolve(Schema<?> schema) {
		if (schema != null && schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			Schema<?> target = this.api.getComponents().getSchemas().get(name);
			assertThat(target).as("schema %s", schema.get$ref()).isNotNull();
			return target;
		}
		return schema;
	}

	/** The object schema of a JSON answer (of its elements, for an array). */
	private Schema<?> objectSchema(Schema<?> schema) {
		Schema<?> resolved = resolve(schema);
		if (resolved != null && "array".equals(type(resolved))) {
			resolved = resolve(resolved.getItems());
		}
		return resolved;
	}

	private static String type(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		return schema.getTypes() == null || schema.getTypes().isEmpty() ? null : schema.getTypes().iterator().next();
	}

	@Test
	void everyPublicGetDocumentsATypedJsonAnswer() {
		Map<String, Operation> gets = publicGets();
		assertThat(gets.keySet()).contains("/api/v1/leaderboard", "/api/v1/drift", "/api/v1/scaling", "/api/v1/runs",
				"/api/v1/models", "/api/v1/prompts/{id}", "/api/v1/tokenizer-drift", "/api/v1/exports");
		List<String> untyped = new ArrayList<>();
		gets.forEach((path, get) -> {
			if (FILE_DOWNLOADS.contains(path)) {
				return;
			}
			var ok = get.getResponses().get("200");
			MediaType json = ok == null || ok.getContent() == null ? null : ok.getContent().get("application/json");
			Schema<?> schema = json == null ? null : objectSchema(json.getSchema());
			if (schema == null || schema.getProperties() == null || schema.getProperties().isEmpty()) {
				untyped.add(path);
			}
			else {
				assertThat(ok.getContent().keySet()).as(path).doesNotContain("*/*");
			}
		});
		assertThat(untyped).as("GET endpoints without a typed application/json 200 schema").isEmpty();
	}

	/**
	 * Every figure documents its as_of: the As-Of header and the JSON field, a date-time.
	 */
	@Test
	void everyFigureDocumentsItsAsOf() {
		Map<String, Operation> gets = publicGets();
		assertThat(gets.keySet()).containsAll(FIGURES);
		for (String path : FIGURES) {
			var ok = gets.get(path).getResponses().get("200");
			assertThat(ok.getHeaders()).as(path).containsKey("As-Of");
			Schema<?> schema = objectSchema(ok.getContent().get("application/json").getSchema());
			assertThat(schema.getProperties()).as(path).containsKey(AS_OF);
			assertThat(schema.getProperties().get(AS_OF).getFormat()).as(path).isEqualTo("date-time");
		}
		assertThat(gets.get("/api/v1/models").getResponses().get("200").getHeaders()).as("not a figure")
			.isNullOrEmpty();
	}

	/**
	 * majority@k is null where no run carries an answer ("not available" is never 0): the
	 * document says so, so a typed client accepts it.
	 */
	@Test
	void theParallelMajorityIsDocumentedAsNullable() {
		var ok = publicGets().get("/api/v1/parallel").getResponses().get("200");
		Schema<?> report = objectSchema(ok.getContent().get("application/json").getSchema());
		Schema<?> point = objectSchema(report.getProperties().get("points"));
		Schema<?> majority = point.getProperties().get("majority_at_k");
		assertThat(majority).isNotNull();
		assertThat(Boolean.TRUE.equals(majority.getNullable())
				|| (majority.getTypes() != null && majority.getTypes().contains("null")))
			.as("majority_at_k nullable: %s", majority)
			.isTrue();
	}

	@Test
	void csvStaysAvailableWhereDocumentedAndJsonAnswersHaveTheDocumentedFields() {
		Set<String> csv = new TreeSet<>();
		int called = 0;
		for (var e : publicGets().entrySet()) {
			String path = e.getKey();
			if (path.contains("{")) {
				continue; // needs an id of something: the schema test above covers it
			}
			String url = path + query(e.getValue());
			var ok = e.getValue().getResponses().get("200");
			var answer = this.http.get(url);
			assertThat(answer.status()).as(url + " " + answer).isEqualTo(200);
			assertThat(answer.contentType()).as(url).startsWith("application/json");
			Schema<?> schema = objectSchema(ok.getContent().get("application/json").getSchema());
			JsonNode body = answer.json();
			JsonNode sample = body.isArray() ? (body.isEmpty() ? null : body.get(0)) : body;
			if (sample != null) {
				Set<String> fields = new TreeSet<>(sample.propertyNames());
				assertThat(schema.getProperties().keySet()).as("documented fields of " + url).containsAll(fields);
			}
			called++;
			if (ok.getContent().containsKey("text/csv")) {
				csv.add(path);
				var table = this.http.get(url, "text/csv");
				assertThat(table.status()).as(url).isEqualTo(200);
				assertThat(table.contentType()).as(url).startsWith("text/csv");
				assertThat(table.body().lines().findFirst().orElse("")).as(url + " header row").contains(",");
				var byParameter = this.http.get(url + (url.contains("?") ? "&" : "?") + "format=csv", "*/*");
				assertThat(byParameter.contentType()).as(url + " format=csv").startsWith("text/csv");
			}
		}
		assertThat(called).isGreaterThanOrEqualTo(12);
		assertThat(csv).as("endpoints documenting CSV")
			.containsExactlyInAnyOrder("/api/v1/leaderboard", "/api/v1/drift", "/api/v1/drift/prompts",
					"/api/v1/scaling", "/api/v1/variance", "/api/v1/length", "/api/v1/parallel", "/api/v1/adaptive",
					"/api/v1/timeline", "/api/v1/runs", "/api/v1/models", "/api/v1/projection", "/api/v1/unseen");
	}

	/**
	 * Values for the required query parameters, from the fixture's two versions (B
	 * precedes A).
	 */
	private String query(Operation get) {
		List<String> pairs = new ArrayList<>();
		if (get.getParameters() != null) {
			for (var p : get.getParameters()) {
				if (!"query".equals(p.getIn()) || !Boolean.TRUE.equals(p.getRequired())) {
					continue;
				}
				String value = switch (p.getName()) {
					case "model", "to" -> this.world.a;
					case "from" -> this.world.b;
					case "mix" -> "math:1";
					case "prompts_per_month" -> "1000";
					default -> throw new AssertionError("no test value for required parameter " + p.getName());
				};
				pairs.add(p.getName() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
	}

}
