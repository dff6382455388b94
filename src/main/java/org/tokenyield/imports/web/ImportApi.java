package org.tokenyield.imports.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.imports.ImportService;
import org.tokenyield.imports.ImportService.ImportRequest;
import org.tokenyield.imports.ImportService.ImportResult;
import org.tokenyield.imports.ImportService.Source;
import org.tokenyield.system.ApiRole;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/imports?dataset=NAME}: this project's JSONL, an Inspect AI log
 * (JSON, or the {@code .eval} zip as {@code application/zip}), promptfoo's output JSON or
 * an OpenAI Evals JSONL log, as the harness wrote it; the format is read from the content
 * unless {@code format=} names it. {@code dry_run=true} writes nothing and answers what
 * would be imported.
 */
@Tag(name = "Imports", description = "Runs measured elsewhere, imported as a dataset")
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {

	private static final String BODY = "the file as the harness wrote it (docs/imports.md): this project's JSONL"
			+ " (one run per line), an Inspect AI log (JSON, or the .eval zip), promptfoo's output JSON or an"
			+ " OpenAI Evals JSONL log";

	private final ImportService imports;

	private final CurrentAccount current;

	private final SummaryVersionStamper summary;

	ImportApi(ImportService imports, CurrentAccount current, SummaryVersionStamper summary) {
		this.imports = imports;
		this.current = current;
		this.summary = summary;
	}

	@ApiRole("MAINTAINER")
	@Operation(operationId = "importRuns", summary = "Import finished runs of a dataset (or preview them)")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = BODY,
			content = { @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
					@Content(mediaType = "application/jsonl", schema = @Schema(type = "string")),
					@Content(mediaType = "application/json", schema = @Schema(type = "string")),
					@Content(mediaType = "text/plain", schema = @Schema(type = "string")),
					@Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "application/octet-stream",
							schema = @Schema(type = "string", format = "binary")) })
	@PostMapping(consumes = { "application/x-ndjson", "application/jsonl", "application/json", "text/plain",
			"application/zip", "application/octet-stream" })
	Imported importRuns(
			@Parameter(description = "the dataset the runs belong to: letters, digits and _.- (at most 64), not live",
					required = true) @RequestParam(required = false) String dataset,
			@Parameter(description = "the file's format when it should not be detected from its content",
					schema = @Schema(allowableValues = { "jsonl", "inspect-json", "inspect-eval", "promptfoo",
							"openai-evals" })) @RequestParam(required = false) String format,
			@Parameter(description = "true: answer what would be imported and write nothing") @RequestParam(
					name = "dry_run", defaultValue = "false") boolean dryRun,
			@Parameter(description = "where the file comes from (provenance)",
					schema = @Schema(maxLength = 500)) @RequestParam(name = "source_url",
							required = false) String sourceUrl,
			@Parameter(description = "the licence the file is published under (provenance)",
					schema = @Schema(maxLength = 200)) @RequestParam(required = false) String licence,
			@Parameter(description = "the scorer to read when a harness log has several",
					schema = @Schema(maxLength = 200)) @RequestParam(required = false) String scorer,
			HttpServletRequest request) throws IOException {
		ImportRequest what = new ImportRequest(dataset, format, dryRun,
				new Source(blankToNull(sourceUrl), blankToNull(licence)), blankToNull(scorer));
		ImportResult r = this.imports.importFile(what, request.getInputStream(), this.current.require());
		// the runs are in the summary once committed; as_of names the first figure
		// version
		// that has them, for GET ...?min_as_of= (read your own writes)
		return new Imported(this.summary.versionIncludingCommitted(), r.dataset(), r.format(), r.harness(),
				r.harnessVersion(), r.fileSha256(), r.scorer(), r.dryRun(), r.accepted(), r.added(), r.duplicates(),
				r.failed(), r.rejectedCount(), r.rejected(), r.versions(), r.newPrompts(), r.knownPrompts(),
				r.sourceUrl(), r.licence());
	}

	/**
	 * An import's answer: the format read, the provenance recorded, what was kept and
	 * what was refused (line or sample by line), and the figures version that includes
	 * the runs.
	 */
	record Imported(Instant asOf, String dataset, String format, String harness, String harnessVersion,
			String fileSha256, String scorer, boolean dryRun, int accepted, int added, int duplicates, int failed,
			int rejectedCount, List<ImportService.Rejected> rejected, List<ImportService.VersionSummary> versions,
			int newPrompts, int knownPrompts, String sourceUrl, String licence) {
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
