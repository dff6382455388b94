package org.tokenyield.exports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.tokenyield.exports.ExportFigure;
import org.tokenyield.exports.ExportService;
import org.tokenyield.exports.ExportService.ExportSnapshot;
import org.tokenyield.exports.ExportService.StoredFile;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/exports} lists the snapshots; {@code GET
 * /api/v1/exports/{date}/{file}} serves a file, the same bytes forever (cacheable for a
 * year, ETag = its SHA-256), streamed from its stored chunks.
 * {@code POST /admin/exports?date=} lets an admin take an ended day's snapshot now.
 */
@Tag(name = "Exports", description = "Daily snapshots of every public run and figure")
@RestController
class ExportApi {

	private final ExportService exports;

	ExportApi(ExportService exports) {
		this.exports = exports;
	}

	@Operation(operationId = "listExports", summary = "The daily export snapshots")
	@GetMapping("/api/v1/exports")
	List<ExportSnapshot> list() {
		return this.exports.list();
	}

	@Operation(operationId = "getExport", summary = "One export snapshot and its files")
	@GetMapping("/api/v1/exports/{date}")
	ExportSnapshot snapshot(@PathVariable String date) {
		return this.exports.find(date(date)).orElseThrow(() -> new NotFoundException("No snapshot of " + date));
	}

	@Operation(operationId = "getExportFile", summary = "A file of an export snapshot")
	@GetMapping("/api/v1/exports/{date}/{name:[a-z]+\\.[a-z]+}")
	@ApiResponse(responseCode = "200",
			description = "a file of the snapshot, as listed in its manifest: runs.jsonl, runs.csv, figures.json, manifest.json",
			content = {
					@Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(oneOf = { ExportManifest.class, ExportFigure[].class },
									description = "manifest.json (an object) or figures.json (a list)")) })
	@ApiResponse(responseCode = "304", description = "If-None-Match named this file's ETag (its SHA-256)")
	ResponseEntity<Resource> file(@PathVariable String date, @PathVariable String name) {
		StoredFile file = this.exports.file(date(date), name)
			.orElseThrow(() -> new NotFoundException("No file " + name + " in the snapshot of " + date));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
			.eTag("\"" + file.sha256() + "\"")
			.header("Digest",
					"sha-256=" + java.util.Base64.getEncoder()
						.encodeToString(java.util.HexFormat.of().parseHex(file.sha256())))
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"token-yield-" + date + "-" + name + "\"")
			.body(new StoredFileResource(date, file));
	}

	/**
	 * The shape of {@code manifest.json}, for the OpenAPI document (the snapshot writes
	 * it; {@code ApiContractTests} reads a real one against this).
	 */
	record ExportManifest(String date, String cutoff, int runs, boolean demo, String methodologyVersion,
			String figuresSeed, List<ManifestFile> files) {
	}

	/** A file as {@code manifest.json} lists it. */
	record ManifestFile(String name, long bytes, String sha256) {
	}

	/**
	 * A stored file as the response body: streamed (gunzipped chunk by chunk) into the
	 * response rather than held, with its length known up front (Content-Length) and
	 * opened anew for each read, so range requests work too.
	 */
	private static final class StoredFileResource extends AbstractResource {

		private final String date;

		private final StoredFile file;

		StoredFileResource(String date, StoredFile file) {
			this.date = date;
			this.file = file;
		}

		@Override
		public String getDescription() {
			return "export " + this.date + "/" + this.file.name();
		}

		@Override
		public InputStream getInputStream() throws IOException {
			return this.file.content().open();
		}

		@Override
		public long contentLength() {
			return this.file.bytes();
		}

		@Override
		public boolean exists() {
			return true;
		}

	}

	@PostMapping("/admin/exports")
	ResponseEntity<ExportSnapshot> take(@RequestParam(required = false) String date) {
		Optional<ExportSnapshot> taken = (date == null || date.isBlank()) ? this.exports.snapshotYesterday()
				: this.exports.snapshot(date(date));
		return ResponseEntity.ok(taken.orElseThrow());
	}

	private static LocalDate date(String date) {
		try {
			return LocalDate.parse(date);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("date", "must be a date like 2026-11-28");
		}
	}

}
