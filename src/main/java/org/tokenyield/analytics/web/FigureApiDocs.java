package org.tokenyield.analytics.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents what {@link FigureResponses} adds to every figure (docs/live-figures.md): the
 * {@code As-Of} header and, in the JSON, an {@code as_of} field first. The figures'
 * records do not carry it (it is written into their bytes), so the OpenAPI document gets
 * it here: the header on each figure endpoint's 200, the field on the schema it answers.
 */
@Configuration(proxyBeanMethods = false)
class FigureApiDocs {

	private static final String DESCRIPTION = "the summary version the figure was computed from: it includes"
			+ " every run committed before it";

	@Bean
	OperationCustomizer figureAsOfHeader() {
		return (operation, handler) -> {
			Class<?> controller = handler.getBeanType();
			ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
			if (ok != null && (controller == FigureApi.class || controller == LeaderboardApi.class
					|| controller == WorkloadApi.class)) {
				ok.addHeaderObject(FigureResponses.AS_OF,
						new Header().description(DESCRIPTION).schema(new DateTimeSchema()));
				operation.getResponses()
					.addApiResponse("304",
							new ApiResponse()
								.description("If-None-Match named the ETag of this version of the figure (JSON and CSV"
										+ " have their own)"));
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer figureAsOfField() {
		return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
			ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
			if (ok == null || ok.getHeaders() == null || !ok.getHeaders().containsKey(FigureResponses.AS_OF)
					|| ok.getContent() == null) {
				return;
			}
			MediaType json = ok.getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
			Schema<?> schema = json == null ? null : resolve(api, json.getSchema());
			if (schema != null && schema.getProperties() != null && !schema.getProperties().containsKey("as_of")) {
				schema.addProperty("as_of", new DateTimeSchema().description(DESCRIPTION));
			}
		}));
	}

	/**
	 * majority@k is null for a config where no run carries an answer ("not available" is
	 * never 0); the point is a record of the pure calc package, so the document is told
	 * here.
	 */
	@Bean
	OpenApiCustomizer parallelMajorityNullable() {
		return api -> {
			Schema<?> point = (api.getComponents() == null || api.getComponents().getSchemas() == null) ? null
					: api.getComponents().getSchemas().get("ParallelPoint");
			Schema<?> majority = (point == null || point.getProperties() == null) ? null
					: point.getProperties().get("majority_at_k");
			if (majority != null) {
				majority.addType("null");
				majority.setDescription("null when no run of the config carries an answer to vote on");
			}
		};
	}

	private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
		if (schema == null || schema.get$ref() == null) {
			return schema;
		}
		String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
		return api.getComponents() == null ? null : api.getComponents().getSchemas().get(name);
	}

}
