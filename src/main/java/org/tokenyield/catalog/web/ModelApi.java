package org.tokenyield.catalog.web;

import org.tokenyield.system.ApiRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

import jakarta.validation.Valid;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.NewModelVersion;
import org.tokenyield.catalog.Prices;
import org.tokenyield.system.Csv;
import org.tokenyield.system.TableBody;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Models", description = "The catalog of model versions")
@RestController
@RequestMapping("/api/v1/models")
class ModelApi {

	private final CatalogService catalog;

	ModelApi(CatalogService catalog) {
		this.catalog = catalog;
	}

	/**
	 * API.md's shape: {key, family, predecessor, provider, api_model, settings,
	 * simulated, prices, active}.
	 */
	record ModelJson(String key, String family, String predecessor, String provider, String apiModel,
			List<String> settings, boolean simulated, Prices prices, boolean active, int samples) {

		static ModelJson of(ModelVersion m) {
			return new ModelJson(m.key(), m.family(), m.predecessor(), m.provider(), m.apiModel(), m.settings(),
					m.simulated(), m.prices(), m.active(), m.samples());
		}

	}

	@Operation(operationId = "listModels", summary = "Every model version of the catalog")
	@GetMapping(produces = { MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE })
	@ApiResponse(responseCode = "200", description = "every model version of the catalog",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = ModelJson.class))) })
	ResponseEntity<TableBody> list() {
		List<ModelJson> models = this.catalog.all().stream().map(ModelJson::of).toList();
		return ResponseEntity.ok(TableBody.of(models, models, ModelJson.class, "models"));
	}

	@ApiRole("ADMIN")
	@Operation(operationId = "addModel", summary = "Add a model version to the catalog")
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ModelJson add(@Valid @RequestBody NewModelVersion body) {
		return ModelJson.of(this.catalog.add(body));
	}

}
