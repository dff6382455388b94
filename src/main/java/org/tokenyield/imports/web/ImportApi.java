package org.tokenyield.imports.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.imports.ImportService;
import org.tokenyield.imports.ImportService.ImportResult;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/imports?dataset=NAME} with {@code application/x-ndjson}, one run
 * per line.
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

	@PostMapping(consumes = { "application/x-ndjson", "application/jsonl", "application/json", "text/plain" })
	JsonNode importRuns(@RequestParam(required = false) String dataset, HttpServletRequest request) throws IOException {
		ImportResult result = this.imports.importLines(dataset, request.getInputStream(), this.current.require());
		// the runs are in the summary once committed; as_of names the first figure
		// version that
		// has them, for GET ...?min_as_of= (read your own writes)
		ObjectNode answer = this.json.valueToTree(result);
		answer.put("as_of", this.summary.versionIncludingCommitted().toString());
		return answer;
	}

}
