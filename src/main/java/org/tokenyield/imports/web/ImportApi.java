package org.tokenyield.imports.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.imports.ImportService;
import org.tokenyield.imports.ImportService.ImportResult;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/imports?dataset=NAME} with {@code application/x-ndjson}, one run per line. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {

	private final ImportService imports;

	private final CurrentAccount current;

	ImportApi(ImportService imports, CurrentAccount current) {
		this.imports = imports;
		this.current = current;
	}

	@PostMapping(consumes = { "application/x-ndjson", "application/jsonl", "application/json", "text/plain" })
	ImportResult importRuns(@RequestParam(required = false) String dataset, HttpServletRequest request)
			throws IOException {
		return this.imports.importLines(dataset, request.getInputStream(), this.current.require());
	}

}
