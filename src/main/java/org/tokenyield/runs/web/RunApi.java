package org.tokenyield.runs.web;

import org.tokenyield.system.ApiRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.runs.RunService;
import org.tokenyield.runs.RunService.RunFilter;
import org.tokenyield.runs.RunStatus;
import org.tokenyield.runs.RunView;
import org.tokenyield.system.Csv;
import org.tokenyield.system.TableBody;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

@Tag(name = "Runs", description = "Runs, their reproduction bundles, and plans that queue them")
@RestController
@RequestMapping("/api/v1")
class RunApi {

	private final RunService runs;

	private final CurrentAccount current;

	RunApi(RunService runs, CurrentAccount current) {
		this.runs = runs;
		this.current = current;
	}

	/**
	 * The shape of a page of runs ({@link RunService.Page} of {@link RunView}) for the
	 * OpenAPI document.
	 */
	@Schema(name = "RunPage")
	record RunPage(List<RunView> items, int page, int size, long total) {
	}

	@Operation(operationId = "listRuns", summary = "A page of runs, newest first")
	@GetMapping(value = "/runs", produces = { MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE })
	@ApiResponse(responseCode = "200", description = "a page of runs, newest first", content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = RunPage.class)) })
	ResponseEntity<?> list(@RequestParam(required = false) String model, @RequestParam(required = false) Long prompt,
			@RequestParam(required = false) RunStatus status, @RequestParam(required = false) Long plan,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
		var result = this.runs.list(new RunFilter(model, prompt, status, plan), page, size);
		// CSV holds the page's runs
		return ResponseEntity.ok(TableBody.of(result, result.items(), RunView.class, "runs"));
	}

	@Operation(operationId = "getRun", summary = "One run")
	@GetMapping("/runs/{id}")
	RunView get(@PathVariable long id) {
		return this.runs.find(id).orElseThrow(() -> new NotFoundException("No run " + id));
	}

	/**
	 * The reproduction bundle: request body sent, raw response body, rate-limit headers
	 * as received, every attempt, and the judge's grading apart. Same visibility as the
	 * run.
	 */
	@Operation(operationId = "getRunBundle", summary = "The reproduction bundle of a run")
	@GetMapping("/runs/{id}/bundle")
	RunService.RunBundle bundle(@PathVariable long id) {
		return this.runs.bundle(id).orElseThrow(() -> new NotFoundException("No run " + id));
	}

	/**
	 * {models: [key...], prompts: "approved" | [id...], settings: [...], samples: n,
	 * confirm: bool}; {@code confirm} must be true for a plan above the configured size
	 * or cost.
	 */
	record PlanBody(@NotEmpty @Size(max = 100) List<String> models,
			@Schema(implementation = PlanPrompts.class) JsonNode prompts, @Size(max = 16) List<String> settings,
			@Min(1) @Max(64) Integer samples, Boolean confirm) {
	}

	/** The shape of {@code prompts} in a plan, for the OpenAPI document. */
	@Schema(oneOf = { String.class, Long[].class },
			description = "\"approved\" (every approved prompt, the default) or a list of prompt ids")
	interface PlanPrompts {

	}

	record PlanCreated(long id, int runsQueued) {
	}

	/**
	 * Queues a plan (201 {id, runs_queued}); with {@code dry_run=true} nothing is queued
	 * and the cost estimate comes back instead (200 {runs, prompts, expected_cost_usd,
	 * worst_case_cost_usd, by_model}).
	 */
	@ApiRole("ADMIN")
	@Operation(operationId = "createPlan", summary = "Queue a plan of runs, or estimate its cost (dry_run)")
	@ApiResponse(responseCode = "201", description = "the plan is queued",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = PlanCreated.class)))
	@ApiResponse(responseCode = "200", description = "dry_run=true: what the plan would cost; nothing is queued",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = RunService.PlanEstimate.class)))
	@PostMapping("/plans")
	ResponseEntity<?> plan(@Valid @RequestBody PlanBody body,
			@RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun) {
		RunService.PlanRequest request = request(body);
		if (dryRun) {
			return ResponseEntity.ok(this.runs.estimate(request));
		}
		var created = this.runs.plan(request, this.current.require(), Boolean.TRUE.equals(body.confirm()));
		return ResponseEntity.status(HttpStatus.CREATED).body(new PlanCreated(created.id(), created.runsQueued()));
	}

	private static RunService.PlanRequest request(PlanBody body) {
		boolean all;
		List<Long> ids = List.of();
		if (body.prompts() == null || (body.prompts().isString() && "approved".equals(body.prompts().asString()))) {
			all = true;
		}
		else if (body.prompts().isArray() && body.prompts().size() <= 100_000) {
			all = false;
			ids = new java.util.ArrayList<>();
			for (JsonNode n : body.prompts()) {
				if (!n.isIntegralNumber()) {
					throw new InvalidInputException("prompts", "must be \"approved\" or a list of prompt ids");
				}
				ids.add(n.asLong());
			}
		}
		else {
			throw new InvalidInputException("prompts", "must be \"approved\" or a list of prompt ids");
		}
		return new RunService.PlanRequest(body.models(), ids, all, body.settings(), body.samples());
	}

	@ApiRole("ADMIN")
	@Operation(operationId = "getPlan", summary = "The progress of a plan")
	@GetMapping("/plans/{id}")
	RunService.PlanProgress progress(@PathVariable long id) {
		return this.runs.progress(id);
	}

}
