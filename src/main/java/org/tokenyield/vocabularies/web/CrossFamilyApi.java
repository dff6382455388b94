package org.tokenyield.vocabularies.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.tokenyield.vocabularies.CrossFamilyService;
import org.tokenyield.vocabularies.CrossFamilyService.Report;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/tokenizer-drift}: input drift of every offline tokenizer against a
 * baseline tokenizer over the same prompts, overall, by script and by category, with
 * characters per token.
 */
@Tag(name = "Tokenizers", description = "How offline tokenizers differ on the same prompts")
@RestController
class CrossFamilyApi {

	private final CrossFamilyService service;

	CrossFamilyApi(CrossFamilyService service) {
		this.service = service;
	}

	@Operation(operationId = "getTokenizerDrift", summary = "Input drift of every offline tokenizer against a baseline")
	@GetMapping("/api/v1/tokenizer-drift")
	Report drift(@RequestParam(required = false) String baseline, @RequestParam(required = false) String dataset) {
		return this.service.report(baseline, dataset);
	}

}
