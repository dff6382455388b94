package org.tokenyield.system;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at /api/v1/openapi (springdoc). Its schemas are resolved by
 * swagger-core with its own Jackson 2 mapper, which knows nothing of
 * {@code spring.jackson.property-naming-strategy} (Jackson 3): without this resolver
 * every schema would name fields in camelCase while the API answers snake_case (API.md).
 * {@code OpenApiDocumentTests} checks the names against real answers.
 */
@Configuration
class ApiDocs {

	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	/**
	 * The document's one server is the public base URL: springdoc would otherwise write
	 * the Host of whichever request came first, and keep it.
	 */
	@Bean
	OpenAPI apiDocument(PublicBaseUrl publicBaseUrl) {
		return new OpenAPI().servers(List.of(new Server().url(publicBaseUrl.base())));
	}

}
