package org.tokenyield.imports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{name}}: the provenance the dataset page shows, as JSON.
 */
@Tag(name = "Imports")
@RestController
class DatasetApi {

	private final DatasetPages pages;

	DatasetApi(DatasetPages pages) {
		this.pages = pages;
	}

	@Operation(operationId = "getDataset", summary = "A dataset's provenance: one record per import")
	@GetMapping("/api/v1/datasets/{name}")
	DatasetPages.DatasetView dataset(@PathVariable String name) {
		return this.pages.dataset(name);
	}

}
