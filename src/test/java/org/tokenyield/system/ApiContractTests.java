package org.tokenyield.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API keeps the contract its OpenAPI document states, as a client generated from it
 * would rely on: every operation under /api/v1 is documented, and each is called here
 * (answers and typical errors, anonymously and with tokens), its status must be one the
 * document lists for it and its body must validate against the documented schema (JSON
 * Schema 2020-12, the OpenAPI 3.1 dialect, networknt). The document is checked strictly:
 * a field an answer carries that its schema does not name fails, so a new field is
 * documented before it ships. Errors, including those of no operation (unknown path, 405,
 * 406), are problem+json.
 */
@IntegrationTest
class ApiContractTests {

	static final String DOCUMENT = "https://token-yield.test/api/v1/openapi";

	/** springdoc's redirect to the API browser, a page rather than an operation. */
	static final String SWAGGER_UI = "/api/v1/docs";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	Http anonymous;

	JsonNode document;

	SchemaRegistry schemas;

	final Set<String> called = new TreeSet<>();

	final List<String> failures = new ArrayList<>();

	@BeforeEach
	void load() throws java.io.IOException {
		this.anonymous = new Http(this.port);
		var served = this.anonymous.get("/api/v1/openapi");
		assertThat(served.status()).isEqualTo(200);
		this.document = served.json();
		// the lint step of .ci/run (tools/api-lint.sh) reads the document this test was
		// served
		java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), served.body());
		ObjectNode strict = (ObjectNode) this.document.deepCopy();
		closeObjects(strict);
		this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
				builder -> builder.schemas(Map.of(DOCUMENT, JSON.writeValueAsString(strict))));
	}

	/**
	 * Every object schema that names its properties gets additionalProperties false, in
	 * the test's copy only: the served document lets clients ignore fields added later,
	 * this test does not let an undocumented field out.
	 */
	private static void closeObjects(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("properties") && object.get("properties").isObject()
					&& !object.has("additionalProperties")) {
				object.put("additionalProperties", false);
			}
			object.properties().forEach(e -> closeObjects(e.getValue()));
		}
		else if (node != null && node.isArray()) {
			node.forEach(ApiContractTests::closeObjects);
		}
	}

	@Test
	void everyOperationIsDocumentedAndAnswersAsDocumented() {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
		Http admin = Accounts.admin(this.anonymous);
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("contract"));
		String a = encode(world.a);
		String b = encode(world.b);

		// figures
		for (Http reader : List.of(this.anonymous, admin)) {
			check("GET /api/v1/leaderboard", reader.get("/api/v1/leaderboard"), 200);
			check("GET /api/v1/leaderboard", reader.get("/api/v1/leaderboard?dataset=figtest&setting=all"), 200);
			check("GET /api/v1/drift", reader.get("/api/v1/drift?from=" + b + "&to=" + a), 200);
			check("GET /api/v1/drift/prompts", reader.get("/api/v1/drift/prompts?from=" + b + "&to=" + a), 200);
			for (String figure : List.of("scaling", "variance", "length", "parallel", "adaptive", "timeline")) {
				check("GET /api/v1/" + figure, reader.get("/api/v1/" + figure + "?model=" + a), 200);
				check("GET /api/v1/" + figure, reader.get("/api/v1/" + figure + "?model=" + a + "&format=csv", "*/*"),
						200);
			}
			check("GET /api/v1/tokenizer-drift", reader.get("/api/v1/tokenizer-drift"), 200);
			check("GET /api/v1/unseen", reader.get("/api/v1/unseen?model=" + a), 200);
			check("GET /api/v1/projection",
					reader.get("/api/v1/projection?mix=math:0.5,code:0.5&prompts_per_month=10000&cache_hit=0.2"), 200);
		}
		check("GET /api/v1/projection",
				this.anonymous.get("/api/v1/projection?mix=math:1&prompts_per_month=100&format=csv", "*/*"), 200);
		field(check("GET /api/v1/projection", this.anonymous.get("/api/v1/projection?mix=math:2&prompts_per_month=100"),
				400), "mix");
		field(check("GET /api/v1/projection", this.anonymous.get("/api/v1/projection?mix=math:1"), 400),
				"prompts_per_month");
		field(check("GET /api/v1/unseen", this.anonymous.get("/api/v1/unseen"), 400), "model");
		check("GET /api/v1/leaderboard", this.anonymous.get("/api/v1/leaderboard", "text/csv"), 200);
		check("GET /api/v1/scaling", this.anonymous.get("/api/v1/scaling?model=tokenizer%2Fr50k_base", "text/csv"),
				200);
		field(check("GET /api/v1/leaderboard", this.anonymous.get("/api/v1/leaderboard?difficulty=tricky"), 400),
				"difficulty");
		field(check("GET /api/v1/leaderboard", this.anonymous.get("/api/v1/leaderboard?setting=thinking"), 400),
				"setting");
		field(check("GET /api/v1/leaderboard", this.anonymous.get("/api/v1/leaderboard?catgory=math"), 400), "catgory");
		field(check("GET /api/v1/scaling", this.anonymous.get("/api/v1/scaling"), 400), "model");
		check("GET /api/v1/scaling", this.anonymous.get("/api/v1/scaling?model=external%2Fno-such-model"), 404);
		field(check("GET /api/v1/variance", this.anonymous.get("/api/v1/variance?model=" + a + "&min_as_of=soon"), 400),
				"min_as_of");
		check("GET /api/v1/leaderboard", this.anonymous.get("/api/v1/leaderboard?format=xml", "*/*"), 406);
		check("GET /api/v1/variance",
				this.anonymous.get("/api/v1/variance?model=" + a + "&min_as_of=2020-01-01T00:00:00Z"), 200);

		// runs
		JsonNode page = check("GET /api/v1/runs", this.anonymous.get("/api/v1/runs?model=" + a + "&size=5"), 200);
		check("GET /api/v1/runs", admin.get("/api/v1/runs?size=5&status=SUCCEEDED"), 200);
		check("GET /api/v1/runs", this.anonymous.get("/api/v1/runs?size=5&format=csv", "*/*"), 200);
		field(check("GET /api/v1/runs", this.anonymous.get("/api/v1/runs?size=-1"), 400), "size");
		field(check("GET /api/v1/runs", this.anonymous.get("/api/v1/runs?status=DONE"), 400), "status");
		check("GET /api/v1/runs", this.anonymous.get("/api/v1/runs", "image/png"), 406);
		long run = page == null ? 1 : page.get("items").get(0).get("id").asLong();
		check("GET /api/v1/runs/{id}", this.anonymous.get("/api/v1/runs/" + run), 200);
		check("GET /api/v1/runs/{id}", admin.get("/api/v1/runs/" + run), 200);
		check("GET /api/v1/runs/{id}", this.anonymous.get("/api/v1/runs/999999999"), 404);
		field(check("GET /api/v1/runs/{id}", this.anonymous.get("/api/v1/runs/first"), 400), "id");
		check("GET /api/v1/runs/{id}/bundle", this.anonymous.get("/api/v1/runs/" + run + "/bundle"), 200);
		check("GET /api/v1/runs/{id}/bundle", admin.get("/api/v1/runs/" + run + "/bundle"), 200);
		check("GET /api/v1/runs/{id}/bundle", this.anonymous.get("/api/v1/runs/999999999/bundle"), 404);

		// plans: tokenizer models are offline, a plan of one prompt costs nothing
		String plan = Http.toJson(Map.of("models", List.of("tokenizer/r50k_base"), "prompts",
				List.of(world.prompts.get(0)), "settings", List.of("default"), "samples", 1));
		check("POST /api/v1/plans", admin.post("/api/v1/plans?dry_run=true", plan), 200);
		JsonNode created = check("POST /api/v1/plans", admin.post("/api/v1/plans", plan), 201);
		check("POST /api/v1/plans", this.anonymous.post("/api/v1/plans", plan), 401);
		check("POST /api/v1/plans", member.post("/api/v1/plans", plan), 403);
		field(check("POST /api/v1/plans", admin.post("/api/v1/plans", "{\"models\":[]}"), 400), "models");
		field(check("POST /api/v1/plans", admin.post("/api/v1/plans", "{\"models\":[\"x\"],\"prompts\":7}"), 400),
				"prompts");
		check("POST /api/v1/plans", admin.post("/api/v1/plans", "text/xml", "<plan/>"), 415);
		check("GET /api/v1/plans/{id}", admin.get("/api/v1/plans/" + id(created)), 200);
		check("GET /api/v1/plans/{id}", this.anonymous.get("/api/v1/plans/1"), 401);

		// models
		check("GET /api/v1/models", this.anonymous.get("/api/v1/models"), 200);
		check("GET /api/v1/models", this.anonymous.get("/api/v1/models", "text/csv"), 200);
		String model = Http.toJson(Map.of("key", "external/contract-" + world.tag, "family", "contract", "provider",
				"external", "settings", List.of("default")));
		check("POST /api/v1/models", admin.post("/api/v1/models", model), 201);
		check("POST /api/v1/models", admin.post("/api/v1/models", model), 409);
		check("POST /api/v1/models", member.post("/api/v1/models", model), 403);
		check("POST /api/v1/models", admin.post("/api/v1/models", "{\"key\":\"no slash\"}"), 400);

		// prompts
		String draft = Http.toJson(Map.of("title", "Contract", "text", "What is 6 x 7? " + world.tag, "category",
				"math", "grader", Map.of("type", "numeric", "expected", 42, "tolerance", 0)));
		JsonNode submitted = check("POST /api/v1/prompts", member.post("/api/v1/prompts", draft), 201);
		check("POST /api/v1/prompts", this.anonymous.post("/api/v1/prompts", draft), 401);
		check("POST /api/v1/prompts", member.post("/api/v1/prompts", "{\"title\":\"\"}"), 400);
		long prompt = id(submitted);
		check("GET /api/v1/prompts/{id}", member.get("/api/v1/prompts/" + prompt), 200);
		check("GET /api/v1/prompts/{id}", this.anonymous.get("/api/v1/prompts/" + prompt), 404);
		check("GET /api/v1/prompts/{id}", this.anonymous.get("/api/v1/prompts/" + world.prompts.get(0)), 200);
		check("GET /api/v1/prompts", this.anonymous.get("/api/v1/prompts"), 200);
		check("GET /api/v1/prompts", this.anonymous.get("/api/v1/prompts?status=PENDING"), 401);
		check("GET /api/v1/prompts", member.get("/api/v1/prompts?status=PENDING"), 403);
		check("GET /api/v1/prompts", admin.get("/api/v1/prompts?status=PENDING"), 200);
		field(check("GET /api/v1/prompts", this.anonymous.get("/api/v1/prompts?status=LOST"), 400), "status");
		check("POST /api/v1/prompts/{id}/edit",
				admin.post("/api/v1/prompts/" + prompt + "/edit", Http.toJson(Map.of("difficulty", "easy"))), 200);
		check("POST /api/v1/prompts/{id}/edit", admin.post("/api/v1/prompts/" + prompt + "/edit",
				Http.toJson(Map.of("grader", Map.of("type", "regex")))), 400);
		check("POST /api/v1/prompts/{id}/approve", member.post("/api/v1/prompts/" + prompt + "/approve", ""), 403);
		check("POST /api/v1/prompts/{id}/approve", admin.post("/api/v1/prompts/" + prompt + "/approve", ""), 200);
		check("POST /api/v1/prompts/{id}/approve", admin.post("/api/v1/prompts/999999999/approve", ""), 404);
		check("POST /api/v1/prompts/{id}/report", member.post("/api/v1/prompts/" + prompt + "/report",
				Http.toJson(Map.of("reason", "the answer is ambiguous"))), 201);
		check("POST /api/v1/prompts/{id}/report",
				member.post("/api/v1/prompts/" + prompt + "/report", Http.toJson(Map.of("reason", ""))), 400);
		check("POST /api/v1/prompts/{id}/retire", admin.post("/api/v1/prompts/" + prompt + "/retire", ""), 200);
		JsonNode other = check("POST /api/v1/prompts",
				member.post("/api/v1/prompts", draft.replace("6 x 7?", "7 x 6?")), 201);
		check("POST /api/v1/prompts/{id}/reject",
				admin.post("/api/v1/prompts/" + id(other) + "/reject", Http.toJson(Map.of("reason", "a duplicate"))),
				200);
		check("POST /api/v1/prompts/{id}/reject", admin.post("/api/v1/prompts/" + id(other) + "/reject", "{}"), 400);

		// imports
		String line = """
				{"prompt_key":"contract-%s","prompt_text":"Imported contract question %s","category":"math",\
				"model":"harness/contract-%s","setting":"default","sample":0,"input_tokens":10,"output_tokens":20,\
				"score":1.0,"finished_at":"2026-11-20T10:00:00Z"}""".formatted(world.tag, world.tag, world.tag);
		check("POST /api/v1/imports",
				admin.post("/api/v1/imports?dataset=contract-" + world.tag, "application/x-ndjson", line + "\n{oops"),
				200);
		field(check("POST /api/v1/imports", admin.post("/api/v1/imports", "application/x-ndjson", line), 400),
				"dataset");
		check("POST /api/v1/imports", member.post("/api/v1/imports?dataset=x", "application/x-ndjson", line), 403);
		check("POST /api/v1/imports", admin.post("/api/v1/imports?dataset=x", "text/xml", "<runs/>"), 415);
		check("POST /api/v1/imports", admin.post("/api/v1/imports?dataset=contract-dry-" + world.tag + "&dry_run=true",
				"application/x-ndjson", line), 200);
		field(check("POST /api/v1/imports",
				admin.post("/api/v1/imports?dataset=x&format=excel", "application/json", "{}"), 400), "format");
		check("GET /api/v1/datasets/{name}", this.anonymous.get("/api/v1/datasets/contract-" + world.tag), 200);
		check("GET /api/v1/datasets/{name}", this.anonymous.get("/api/v1/datasets/no-such-dataset"), 404);

		// exports: a snapshot of a day the fixture has runs on
		admin.post("/admin/exports?date=2026-01-06", "");
		JsonNode snapshots = check("GET /api/v1/exports", this.anonymous.get("/api/v1/exports"), 200);
		assertThat(snapshots).as("export snapshots").isNotNull().isNotEmpty();
		String date = snapshots.get(0).get("date").asString();
		JsonNode snapshot = check("GET /api/v1/exports/{date}", this.anonymous.get("/api/v1/exports/" + date), 200);
		check("GET /api/v1/exports/{date}", this.anonymous.get("/api/v1/exports/1999-01-01"), 404);
		field(check("GET /api/v1/exports/{date}", this.anonymous.get("/api/v1/exports/yesterday"), 400), "date");
		for (JsonNode file : snapshot == null ? List.<JsonNode>of() : snapshot.get("files")) {
			String name = file.get("name").asString();
			check("GET /api/v1/exports/{date}/{name}",
					this.anonymous.get("/api/v1/exports/" + date + "/" + name, "*/*"), 200);
		}
		check("GET /api/v1/exports/{date}/{name}", this.anonymous.get("/api/v1/exports/" + date + "/nothing.json"),
				404);

		// accounts and tokens
		String username = Accounts.uniqueName("signup");
		String signUp = Http
			.toJson(Map.of("username", username, "email", username + "@example.org", "password", "correct-horse-1"));
		check("POST /api/v1/accounts", this.anonymous.post("/api/v1/accounts", signUp), 201);
		check("POST /api/v1/accounts", this.anonymous.post("/api/v1/accounts", signUp), 409);
		field(check("POST /api/v1/accounts", this.anonymous.post("/api/v1/accounts", "{\"username\":\"x\"}"), 400),
				"email");
		check("POST /api/v1/accounts", this.anonymous.post("/api/v1/accounts", "{\"username\":"), 400);
		check("POST /api/v1/tokens",
				this.anonymous.basic(username, "correct-horse-1").post("/api/v1/tokens", "{\"name\":\"ci\"}"), 201);
		check("POST /api/v1/tokens", this.anonymous.post("/api/v1/tokens", "{\"name\":\"ci\"}"), 401);
		field(check("POST /api/v1/tokens", member.post("/api/v1/tokens", "{\"name\":\"\"}"), 400), "name");
		check("POST /api/v1/accounts/{username}/role",
				admin.post("/api/v1/accounts/" + username + "/role", "{\"role\":\"MAINTAINER\"}"), 200);
		field(check("POST /api/v1/accounts/{username}/role",
				admin.post("/api/v1/accounts/" + username + "/role", "{\"role\":\"KING\"}"), 400), "role");
		check("POST /api/v1/accounts/{username}/role",
				member.post("/api/v1/accounts/" + username + "/role", "{\"role\":\"ADMIN\"}"), 403);
		check("POST /api/v1/accounts/{username}/role",
				admin.post("/api/v1/accounts/nobody-" + world.tag + "/role", "{\"role\":\"ADMIN\"}"), 404);
		check("POST /api/v1/accounts/{username}/enabled",
				admin.post("/api/v1/accounts/" + username + "/enabled", "{\"enabled\":false}"), 200);
		check("POST /api/v1/accounts/{username}/revoke", admin.post("/api/v1/accounts/" + username + "/revoke", ""),
				200);
		check("POST /api/v1/accounts/{username}/revoke", this.anonymous.post("/api/v1/accounts/x/revoke", ""), 401);

		// errors of no operation
		problem(this.anonymous.get("/api/v1/no-such-thing"), 404);
		problem(admin.post("/api/v1/leaderboard", "{}"), 405);
		problem(this.anonymous.get("/api/v1/models", "image/png"), 406);

		assertThat(this.failures).as("answers that break the document").isEmpty();
		assertThat(this.called).as("documented operations this test calls").isEqualTo(documented());
		assertThat(served()).as("operations the application serves under /api/v1, all documented")
			.isEqualTo(documented());
	}

	/** Checks an answer against the document; returns its JSON body (or null). */
	private JsonNode check(String operation, Http.Response answer, int expected) {
		this.called.add(operation);
		String label = operation + " -> " + answer;
		if (answer.status() != expected) {
			this.failures.add("expected " + expected + ": " + abbreviate(label));
			return null;
		}
		String[] parts = operation.split(" ", 2);
		JsonNode responses = this.document.path("paths").path(parts[1]).path(parts[0].toLowerCase()).path("responses");
		if (responses.isMissingNode()) {
			this.failures.add("undocumented operation " + operation);
			return null;
		}
		String status = String.valueOf(answer.status());
		if (!responses.has(status)) {
			this.failures.add("undocumented status: " + abbreviate(label));
			return null;
		}
		String mediaType = answer.contentType().split(";")[0].trim();
		JsonNode content = responses.get(status).path("content");
		if (answer.body().isEmpty()) {
			return null;
		}
		if (!content.has(mediaType)) {
			this.failures.add("undocumented media type " + mediaType + ": " + abbreviate(label));
			return null;
		}
		if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
			if (mediaType.equals("text/csv") && answer.body().lines().findFirst().orElse("").isBlank()) {
				this.failures.add("CSV without a header line: " + abbreviate(label));
			}
			return null;
		}
		String pointer = "#/paths/" + escape(parts[1]) + "/" + parts[0].toLowerCase() + "/responses/" + status
				+ "/content/" + escape(mediaType) + "/schema";
		JsonNode body = answer.json();
		validate(pointer, body, label);
		return body;
	}

	private void problem(Http.Response answer, int status) {
		String label = "no operation -> " + answer;
		if (answer.status() != status || !answer.contentType().startsWith("application/problem+json")) {
			this.failures.add("expected a " + status + " problem: " + abbreviate(label));
			return;
		}
		validate("#/components/schemas/Problem", answer.json(), label);
	}

	private void validate(String pointer, JsonNode body, String label) {
		Schema schema = this.schemas.getSchema(SchemaLocation.of(DOCUMENT + pointer));
		var errors = schema.validate(body);
		if (!errors.isEmpty()) {
			this.failures.add(errors.stream().limit(5).map(Object::toString).toList() + " in " + abbreviate(label));
		}
	}

	/** The id of what an answer created; an id nothing has when the call failed. */
	private static long id(JsonNode created) {
		return created == null ? 999_999_999L : created.path("id").asLong(999_999_999L);
	}

	private static void field(JsonNode problem, String field) {
		if (problem == null) {
			return; // already a failure
		}
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
		assertThat(fields).as("errors[].field of " + problem).contains(field);
	}

	private Set<String> documented() {
		Set<String> operations = new TreeSet<>();
		this.document.path("paths")
			.properties()
			.forEach(path -> path.getValue()
				.properties()
				.forEach(method -> operations.add(method.getKey().toUpperCase() + " " + path.getKey())));
		return operations;
	}

	private Set<String> served() {
		Set<String> operations = new TreeSet<>();
		this.mappings.getHandlerMethods().keySet().forEach(info -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/v1/") && !pattern.startsWith("/api/v1/openapi")
						&& !pattern.equals(SWAGGER_UI)) {
					info.getMethodsCondition()
						.getMethods()
						.forEach(
								m -> operations.add(m.name() + " " + pattern.replaceAll("\\{([a-z]+):[^}]*}", "{$1}")));
				}
			}
		});
		return operations;
	}

	private static String escape(String pointerPart) {
		return pointerPart.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return text.length() > 600 ? text.substring(0, 600) + "..." : text;
	}

}
