package org.tokenyield.imports.web;

import org.tokenyield.system.ApiRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.analytics.SummaryRefresher;
import org.tokenyield.imports.ImportService;
import org.tokenyield.imports.ImportService.ImportResult;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/imports?dataset=NAME} with {@code application/x-ndjson}, one run
 * per line.
 */
@Tag(name = "Imports", description = "Runs measured elsewhere, imported as a dataset")
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {

	private final ImportService imports;

	private final CurrentAccount current;

	private final SummaryRefresher summary;

	ImportApi(ImportService imports, CurrentAccount current, SummaryRefresher summary) {
		this.imports = imports;
		this.current = current;
		this.summary = summary;
	}

	@ApiRole("MAINTAINER")
	@Operation(operationId = "importRuns", summary = "Import finished runs of a dataset")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			description = "one run per line (docs/imports.md): its prompt, model, setting, sample, usage, score",
			content = { @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
					@Content(mediaType = "application/jsonl", schema = @Schema(type = "string")),
					@Content(mediaType = "application/json", schema = @Schema(type = "string")),
					@Content(mediaType = "text/plain", schema = @Schema(type = "string")) })
	@PostMapping(consumes = { "application/x-ndjson", "application/jsonl", "application/json", "text/plain" })
	Imported importRuns(
			@Parameter(description = "the dataset the runs belong to: letters, digits and _.- (at most 64), not live",
					required = true) @RequestParam(required = false) String dataset,
			HttpServletRequest request) throws IOException {
		ImportResult result = this.imports.importLines(dataset, request.getInputStream(), this.current.require());
		// the runs are in the summary once committed; as_of names the first figure
		// version that has them, for GET ...?min_as_of= (read your own writes)
		return new Imported(this.summary.versionIncludingCommitted(), result.dataset(), result.accepted(),
				result.added(), result.duplicates(), result.rejectedCount(), result.rejected());
	}

	/**
	 * An import's answer: what was kept and what was refused, line by line, and the
	 * figures version that includes the runs.
	 */
	record Imported(Instant asOf, String dataset, int accepted, int added, int duplicates, int rejectedCount,
			List<ImportService.Rejected> rejected) {
	}

}
