package org.tokenyield.system;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI document at /api/v1/openapi (springdoc), written so that every answer
 * validates against it (docs/api.md). Its schemas are resolved by swagger-core with its
 * own Jackson 2 mapper, which knows nothing of
 * {@code spring.jackson.property-naming-strategy} (Jackson 3): without the resolver below
 * every schema would name fields in camelCase while the API answers snake_case (API.md).
 * The rules that make the document truthful live here, once, instead of on each record: a
 * property of a reference type may be null unless it is {@code @NotNull}; every property
 * of an answer is present (the API writes nulls); every operation documents its errors as
 * problem+json and who may call it ({@link ApiRole}). {@code ApiContractTests} validates
 * real answers against the served document.
 */
@Configuration
class ApiDocs {

	static final String PROBLEM = "Problem";

	static final String FIELD_ERROR = "FieldError";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	static final String BEARER = "bearer";

	static final String BASIC = "basic";

	static final String SESSION = "session";

	/** The rule for query parameters, told once in the API's description. */
	static final String UNKNOWN_PARAMETERS = "A query parameter an operation does not document is refused with 400"
			+ " (problem+json naming it in errors[].field), so a misspelt filter never passes silently.";

	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
			.openapi31(true);
	}

	/**
	 * The document's one server is the public base URL: springdoc would otherwise write
	 * the Host of whichever request came first, and keep it.
	 */
	@Bean
	OpenAPI apiDocument(PublicBaseUrl publicBaseUrl) {
		Info info = new Info().title("Token Yield API")
			.version("1.0.0")
			.description("""
					Token Yield, a public leaderboard of what a model's tokens buy: the leaderboard, \
					the figures of each model version (scaling, variance, length, parallel sampling, \
					adaptive budgets, timeline), drift between versions, runs with their reproduction \
					bundles, prompts, imports and daily exports.

					Reading is anonymous. Writing needs an account: send an API token \
					(`Authorization: Bearer <token>`, from `POST /api/v1/tokens`), HTTP Basic \
					credentials, or the session cookie of a signed-in browser (with its CSRF token). \
					Each operation names the role it needs.

					Every error is `application/problem+json` (RFC 9457) with `errors[]` naming the \
					fields at fault. %s Lists and figures also answer CSV: `format=csv` or \
					`Accept: text/csv`.""".formatted(UNKNOWN_PARAMETERS))
			// the repository names no licence yet: say so rather than invent one
			.license(new License().name("All rights reserved (no licence chosen yet)")
				.identifier("LicenseRef-AllRightsReserved"));
		Components components = new Components()
			.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("an API token from POST /api/v1/tokens"))
			.addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("username and password (to obtain a token)"))
			.addSecuritySchemes(SESSION,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.COOKIE)
						.name("SESSION")
						.description("a signed-in browser's session; writes also need its CSRF token"))
			.addSchemas(FIELD_ERROR, fieldError())
			.addSchemas(PROBLEM, problem());
		return new OpenAPI().info(info).servers(List.of(new Server().url(publicBaseUrl.base()))).components(components);
	}

	private static Schema<?> fieldError() {
		return new Schema<>().type("object")
			.description("one field or parameter at fault and what is wrong with it")
			.addProperty("field", new StringSchema().description("snake_case, as the request named it"))
			.addProperty("message", new StringSchema())
			.required(List.of("field", "message"));
	}

	private static Schema<?> problem() {
		return new Schema<>().type("object")
			.description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri-reference"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
						.description("the fields or parameters at fault"))
			.addProperty("correlation_id",
					new StringSchema().description("500 only: quote it to find the error in the log"))
			.required(List.of("title", "status"));
	}

	/**
	 * A property of a reference type may be null (the API writes nulls rather than
	 * leaving fields out) unless its component carries {@code @NotNull}; primitives never
	 * are. {@code Map<String, Object>} is any JSON object, not a map of objects.
	 */
	@Bean
	PropertyCustomizer nullableUnlessNotNull() {
		return (property, type) -> {
			if (property == null) {
				return null;
			}
			JavaType javaType = javaType(type.getType());
			if (javaType != null && javaType.isMapLikeType()
					&& javaType.getContentType().getRawClass() == Object.class) {
				property.setAdditionalProperties(new JsonSchema().description("any JSON value"));
			}
			boolean notNull = type.getCtxAnnotations() != null && java.util.Arrays.stream(type.getCtxAnnotations())
				.anyMatch(a -> a.annotationType().getSimpleName().startsWith("NotNull")
						|| a.annotationType().getSimpleName().equals("NotEmpty")
						|| a.annotationType().getSimpleName().equals("NotBlank"));
			elementsNotNull(property);
			if (notNull || (javaType != null && javaType.isPrimitive())) {
				return property;
			}
			return nullable(property);
		};
	}

	private static JavaType javaType(Type type) {
		if (type instanceof JavaType java) {
			return java;
		}
		return type == null ? null : Json.mapper().constructType(type);
	}

	/**
	 * The schema, or null: a $ref or an enum is wrapped in anyOf, a plain type gains
	 * "null".
	 */
	static Schema<?> nullable(Schema<?> schema) {
		if (schema.get$ref() != null || schema.getEnum() != null) {
			Schema<?> either = new JsonSchema().anyOf(List.of(schema, new JsonSchema().typesItem("null")));
			either.setDescription(schema.getDescription());
			return either;
		}
		String type = schema.getType() != null ? schema.getType()
				: (schema.getTypes() == null || schema.getTypes().isEmpty()) ? null
						: schema.getTypes().iterator().next();
		if (type != null) {
			schema.setSpecVersion(SpecVersion.V31);
			schema.setType(null);
			schema.typesItem(type);
			schema.typesItem("null");
		}
		return schema;
	}

	/**
	 * The customizer sees a list's elements with the list's name first: elements of lists
	 * and values of maps are never null, so their wrapper goes again.
	 */
	private static void elementsNotNull(Schema<?> property) {
		if (property.getItems() != null) {
			property.setItems(notNull(property.getItems()));
		}
		if (property.getAdditionalProperties() instanceof Schema<?> values) {
			property.setAdditionalProperties(notNull(values));
		}
	}

	private static Schema<?> notNull(Schema<?> schema) {
		if (schema.getAnyOf() != null && schema.getAnyOf().size() == 2 && schema.getAnyOf().get(1).getTypes() != null
				&& schema.getAnyOf().get(1).getTypes().contains("null")) {
			return schema.getAnyOf().get(0);
		}
		if (schema.getTypes() != null && schema.getTypes().size() == 2 && schema.getTypes().contains("null")) {
			schema.getTypes().remove("null");
		}
		return schema;
	}

	/**
	 * Per operation: who may call it, the errors it can answer (problem+json), and no
	 * {@code Accept} parameter (OpenAPI says a document must not declare it).
	 */
	@Bean
	OperationCustomizer operationContract() {
		return (operation, handler) -> {
			if (operation.getParameters() != null) {
				operation.getParameters().removeIf(p -> HttpHeaders.ACCEPT.equalsIgnoreCase(p.getName()));
			}
			ApiRole role = handler.getMethodAnnotation(ApiRole.class);
			List<SecurityRequirement> security = new ArrayList<>();
			if (role == null || !role.when().isEmpty()) {
				security.add(new SecurityRequirement()); // anonymous too
			}
			security.add(new SecurityRequirement().addList(BEARER));
			security.add(new SecurityRequirement().addList(BASIC));
			security.add(new SecurityRequirement().addList(SESSION));
			operation.setSecurity(security);
			if (role != null) {
				operation.addExtension("x-required-role", role.value());
				String needs = "Needs the " + role.value() + " role (or one above it)"
						+ (role.when().isEmpty() ? "." : " when " + role.when() + ".");
				operation.setDescription(
						operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
			}
			if (UnknownParameters.answersCsv(handler)) {
				documentCsv(operation);
			}
			documentErrors(operation, role != null);
			return operation;
		};
	}

	/**
	 * An operation that answers CSV ({@link CsvConverter}): its {@code format} parameter
	 * and the text/csv answer beside the JSON one.
	 */
	private static void documentCsv(Operation operation) {
		operation.addParametersItem(new io.swagger.v3.oas.models.parameters.Parameter().name("format")
			.in("query")
			.description("csv for the answer's rows as CSV (as Accept: text/csv does); json by default")
			.schema(new StringSchema()._enum(List.of("json", "csv"))));
		ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
		if (ok != null && ok.getContent() != null) {
			ok.getContent()
				.addMediaType(Csv.MEDIA_TYPE,
						new MediaType().schema(new StringSchema().description("the answer's rows as CSV, nested"
								+ " fields as dotted column names; the header line names the columns even"
								+ " when there are no rows")));
		}
	}

	private static void documentErrors(Operation operation, boolean needsRole) {
		Map<HttpStatus, String> errors = new LinkedHashMap<>();
		errors.put(HttpStatus.BAD_REQUEST,
				"a parameter or the body is invalid, or a query parameter is unknown;" + " errors[] names each field");
		errors.put(HttpStatus.UNAUTHORIZED,
				needsRole ? "not signed in, or the token is not valid" : "the token sent is not valid");
		if (needsRole || operation.getRequestBody() != null) {
			errors.put(HttpStatus.FORBIDDEN,
					"the account's role does not allow this, or a signed-in browser's" + " write lacks its CSRF token");
		}
		boolean identified = operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch(p -> "path".equals(p.getIn()) || Boolean.TRUE.equals(p.getRequired()));
		if (identified) {
			errors.put(HttpStatus.NOT_FOUND, "what the path or a required parameter names does not exist");
		}
		errors.put(HttpStatus.NOT_ACCEPTABLE,
				"the Accept header or format asks for a type this operation cannot" + " answer");
		if (operation.getRequestBody() != null) {
			errors.put(HttpStatus.CONFLICT, "the request conflicts with the current state");
			errors.put(HttpStatus.REQUEST_TIMEOUT, "the body arrived too slowly");
			errors.put(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than allowed");
			errors.put(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body's Content-Type is not one this operation reads");
		}
		errors.put(HttpStatus.TOO_MANY_REQUESTS, "too many requests from this client or account; see Retry-After");
		errors.put(HttpStatus.INTERNAL_SERVER_ERROR, "a defect on our side; the problem carries a correlation_id");
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		errors.forEach((status, why) -> {
			String code = String.valueOf(status.value());
			if (!responses.containsKey(code)) {
				responses.addApiResponse(code, problemResponse(status.getReasonPhrase() + ": " + why));
			}
		});
		operation.setResponses(responses);
	}

	static ApiResponse problemResponse(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	/**
	 * Every schema with properties is an object, and in an answer every property is
	 * present: required lists all of them (request bodies keep their own required).
	 */
	@Bean
	OpenApiCustomizer answersHaveEveryField() {
		return api -> {
			Map<String, Schema> schemas = api.getComponents().getSchemas();
			if (schemas == null) {
				return;
			}
			Set<String> requests = new HashSet<>();
			api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
				if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
					operation.getRequestBody()
						.getContent()
						.values()
						.forEach(media -> collect(media.getSchema(), schemas, requests));
				}
			}));
			schemas.forEach((name, schema) -> {
				if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
					return;
				}
				if (schema.getType() == null && (schema.getTypes() == null || schema.getTypes().isEmpty())) {
					schema.addType("object");
				}
				if (!requests.contains(name) && !PROBLEM.equals(name)) {
					schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
				}
			});
		};
	}

	/** The component schemas a schema reaches. */
	@SuppressWarnings("rawtypes")
	private static void collect(Schema<?> schema, Map<String, Schema> schemas, Set<String> into) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			if (into.add(name)) {
				collect(schemas.get(name), schemas, into);
			}
			return;
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(p -> collect(p, schemas, into));
		}
		collect(schema.getItems(), schemas, into);
		if (schema.getAnyOf() != null) {
			schema.getAnyOf().forEach(s -> collect(s, schemas, into));
		}
		if (schema.getOneOf() != null) {
			schema.getOneOf().forEach(s -> collect(s, schemas, into));
		}
		if (schema.getAdditionalProperties() instanceof Schema<?> values) {
			collect(values, schemas, into);
		}
	}

}
