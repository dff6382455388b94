package org.tokenyield.analytics.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.freshness.Versioned;
import org.tokenyield.analytics.FigureFilter;
import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.FigureService;
import org.tokenyield.analytics.FigureService.PairsReport;
import org.tokenyield.analytics.LeaderboardFrontier;
import org.tokenyield.analytics.LeaderboardRow;
import org.tokenyield.analytics.LeaderboardService;
import org.tokenyield.analytics.LeaderboardService.DriftReport;
import org.tokenyield.analytics.calc.CostChange;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.FigureService.PromptPair;
import org.tokenyield.system.Csv;
import org.tokenyield.system.TableBody;

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
 * The leaderboard and the drift between two versions (METRICS.md sections 1, 2 and 9) as
 * JSON, or CSV with {@code format=csv} / {@code Accept: text/csv}.
 */
@Tag(name = "Figures", description = "The leaderboard and the drift between versions (METRICS.md)")
@RestController
@RequestMapping("/api/v1")
class LeaderboardApi {

	private final LeaderboardService leaderboard;

	private final FigureService figures;

	private final FigureResponses respond;

	LeaderboardApi(LeaderboardService leaderboard, FigureService figures, FigureResponses respond) {
		this.leaderboard = leaderboard;
		this.figures = figures;
		this.respond = respond;
	}

	/**
	 * {@code frontier}: the configs on the Pareto frontier of accuracy against mean
	 * generated tokens, by tokens ascending, as the server computed it; the home page's
	 * chart draws this line.
	 */
	record Leaderboard(FigureFilter filter, boolean demo, List<LeaderboardRow> rows, List<FrontierPoint> frontier) {

		Leaderboard(FigureFilter filter, List<LeaderboardRow> rows) {
			this(filter, rows.stream().anyMatch(LeaderboardRow::simulated), rows,
					LeaderboardFrontier.of(rows).stream().map(FrontierPoint::of).toList());
		}

	}

	/**
	 * One config on the frontier: the row's model, setting, mean generated tokens and
	 * accuracy.
	 */
	record FrontierPoint(String model, String setting, boolean simulated, double generated, double accuracy) {

		static FrontierPoint of(LeaderboardRow row) {
			return new FrontierPoint(row.model(), row.setting(), row.simulated(), row.tokens().generated(),
					row.accuracy().value());
		}

	}

	@Operation(operationId = "getLeaderboard", summary = "The leaderboard: one row per model version and setting")
	@GetMapping(value = "/leaderboard", produces = { MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE })
	@ApiResponse(responseCode = "200", description = "the leaderboard (JSON also carries as_of)",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Leaderboard.class)) })
	ResponseEntity<TableBody> leaderboard(@ParameterObject FigureParameters query, ServletWebRequest request) {
		FigureFilter filter = query.filter();
		Versioned<List<LeaderboardRow>> rows = this.leaderboard.versionedLeaderboard(filter);
		return this.respond.figure(request, rows.asOf(), new Leaderboard(filter, rows.value()), rows::value,
				LeaderboardRow.class, "leaderboard");
	}

	/** API.md: {prompts, input, generated, reasoning, accuracy_change, verdict}. */
	record DriftFigure(int prompts, Estimate input, Estimate generated, Estimate reasoning, Estimate accuracyChange,
			String verdict) {

		static DriftFigure of(DriftEstimate d) {
			return new DriftFigure(d.prompts(), d.input(), d.generated(), d.reasoning(), d.accuracyChange(),
					d.verdict() == null ? null : d.verdict().apiName());
		}

	}

	/**
	 * {@code cost_change}: why the cost per correct answer changed (USD per correct
	 * answer, docs/methodology-notes.md), null when a side has no correct run.
	 */
	@Schema(name = "DriftReport") // LeaderboardRow.Drift is "Drift"
	record Drift(String from, String fromSetting, String to, String toSetting, boolean simulated, int prompts,
			Estimate input, Estimate generated, Estimate reasoning, Estimate accuracyChange, String verdict,
			Map<String, DriftFigure> byCategory, CostChange costChange) {
	}

	@Operation(operationId = "getDrift", summary = "The drift between two versions, overall and by category")
	@GetMapping(value = "/drift", produces = { MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE })
	@ApiResponse(responseCode = "200", description = "the drift between two versions, overall and by category",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Drift.class)) })
	ResponseEntity<TableBody> drift(@RequestParam String from, @RequestParam String to,
			@ParameterObject FigureParameters query, ServletWebRequest request) {
		DriftReport report = this.leaderboard.drift(from, to, query.filter());
		DriftFigure overall = DriftFigure.of(report.overall());
		Map<String, DriftFigure> byCategory = new LinkedHashMap<>();
		report.byCategory().forEach((k, v) -> byCategory.put(k, DriftFigure.of(v)));
		List<DriftRow> rows = new ArrayList<>();
		rows.add(new DriftRow("(all)", overall));
		byCategory.forEach((k, v) -> rows.add(new DriftRow(k, v)));
		return this.respond.figure(request,
				new Drift(report.from(), report.fromSetting(), report.to(), report.toSetting(), report.simulated(),
						overall.prompts(), overall.input(), overall.generated(), overall.reasoning(),
						overall.accuracyChange(), overall.verdict(), byCategory, report.costChange()),
				rows, DriftRow.class, "drift");
	}

	/** A row of the drift CSV: overall ("(all)") or one category. */
	record DriftRow(String category, DriftFigure drift) {
	}

	/** The per-prompt pairs behind a drift: the compare page's scatter. */
	@Operation(operationId = "getDriftPrompts", summary = "The per-prompt pairs behind a drift")
	@GetMapping(value = "/drift/prompts", produces = { MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE })
	@ApiResponse(responseCode = "200", description = "the per-prompt pairs behind a drift",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = PairsReport.class)) })
	ResponseEntity<TableBody> driftPrompts(@RequestParam String from, @RequestParam String to,
			@ParameterObject FigureParameters query, ServletWebRequest request) {
		PairsReport r = this.figures.pairs(from, to, query.filter());
		return this.respond.figure(request, r, r.pairs(), PromptPair.class, "drift-prompts");
	}

}
