package org.tokenyield.imports.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.imports.ImportService;
import org.tokenyield.imports.ImportService.ImportRequest;
import org.tokenyield.imports.ImportService.ImportResult;
import org.tokenyield.imports.ImportService.Source;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/imports?dataset=NAME}: this project's JSONL, an Inspect AI log
 * (JSON, or the {@code .eval} zip as {@code application/zip}), promptfoo's output JSON or
 * an OpenAI Evals JSONL log, as the harness wrote it; the format is read from the content
 * unless {@code format=} names it. {@code dry_run=true} writes nothing and answers what
 * would be imported.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {

	private final ImportService imports;

	private final CurrentAccount current;

	private final SummaryVersionStamper summary;

	private final JsonMapper json;

	ImportApi(ImportService imports, CurrentAccount current, SummaryVersionStamper summary, JsonMapper json) {
		this.imports = imports;
		this.current = current;
		this.summary = summary;
		this.json = json;
	}

	@PostMapping(consumes = { "application/x-ndjson", "application/jsonl", "application/json", "text/plain",
			"application/zip", "application/octet-stream" })
	JsonNode importRuns(@RequestParam(required = false) String dataset, @RequestParam(required = false) String format,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
			@RequestParam(name = "source_url", required = false) String sourceUrl,
			@RequestParam(required = false) String licence, @RequestParam(required = false) String scorer,
			HttpServletRequest request) throws IOException {
		ImportRequest what = new ImportRequest(dataset, format, dryRun,
				new Source(blankToNull(sourceUrl), blankToNull(licence)), blankToNull(scorer));
		ImportResult result = this.imports.importFile(what, request.getInputStream(), this.current.require());
		// the runs are in the summary once committed; as_of names the first figure
		// version that
		// has them, for GET ...?min_as_of= (read your own writes)
		ObjectNode answer = this.json.valueToTree(result);
		answer.put("as_of", this.summary.versionIncludingCommitted().toString());
		return answer;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
