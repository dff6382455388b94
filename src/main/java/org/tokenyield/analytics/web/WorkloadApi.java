package org.tokenyield.analytics.web;

import java.util.List;

import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.Workload;
import org.tokenyield.analytics.WorkloadService;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.system.Csv;
import org.tokenyield.system.TableBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Your workload as JSON, or CSV with {@code format=csv}: every config's expected accuracy
 * and monthly cost on a mix of categories (docs/methodology-notes.md "Your workload").
 * The parameters are read as text and checked by {@link Workload}, so a bad one is a
 * problem naming it.
 */
@Tag(name = "Figures")
@RestController
@RequestMapping("/api/v1")
class WorkloadApi {

	private final WorkloadService workloads;

	private final FigureResponses respond;

	WorkloadApi(WorkloadService workloads, FigureResponses respond) {
		this.workloads = workloads;
		this.respond = respond;
	}

	@Operation(operationId = "getProjection",
			summary = "Your workload: projected monthly cost and expected accuracy per config")
	@GetMapping(value = "/projection", produces = { MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE })
	@ApiResponse(responseCode = "200", description = "projected monthly cost and expected accuracy per config",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = WorkloadService.Report.class)) })
	ResponseEntity<TableBody> projection(
			@Parameter(required = true, description = "category weights adding up to 1, e.g. math:0.5,code:0.5",
					schema = @Schema(maxLength = 2000)) @RequestParam(required = false) String mix,
			@Parameter(required = true, description = "prompts per month, 1 to 1,000,000,000") @RequestParam(
					name = "prompts_per_month", required = false) String promptsPerMonth,
			@Parameter(
					description = "share of input tokens read from the prompt cache, 0 to 1 (default 0)") @RequestParam(
							name = "cache_hit", required = false) String cacheHit,
			@ParameterObject FigureParameters query, ServletWebRequest request) {
		Workload workload = Workload.parse(mix, promptsPerMonth, cacheHit);
		WorkloadService.Report report = this.workloads.project(workload, query.filter());
		return this.respond.figure(request, report, () -> ProjectionRow.of(report), ProjectionRow.class, "projection");
	}

	/**
	 * A row of the projection CSV: one config, its missing categories space-separated.
	 */
	record ProjectionRow(String model, String setting, boolean simulated, Estimate expectedAccuracy,
			Estimate costPerPromptUsd, Estimate monthlyCostUsd, String missingCategories) {

		static List<?> of(WorkloadService.Report report) {
			return report.configs()
				.stream()
				.map(c -> new ProjectionRow(c.model(), c.setting(), c.simulated(), c.expectedAccuracy(),
						c.costPerPromptUsd(), c.monthlyCostUsd(), String.join(" ", c.missingCategories())))
				.toList();
		}

	}

}
