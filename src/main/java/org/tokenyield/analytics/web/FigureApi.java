package org.tokenyield.analytics.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.ConfigFigureService;
import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.FigureService;
import org.tokenyield.analytics.FigureService.AdaptiveReport;
import org.tokenyield.analytics.UnseenTokensService;
import org.tokenyield.analytics.ConfigFigureService.LengthReport;
import org.tokenyield.analytics.ConfigFigureService.ParallelReport;
import org.tokenyield.analytics.FigureService.ScalingFigure;
import org.tokenyield.analytics.FigureService.ScalingReport;
import org.tokenyield.analytics.ConfigFigureService.TimelineReport;
import org.tokenyield.analytics.ConfigFigureService.VarianceReport;
import org.tokenyield.analytics.calc.DifficultyTracking;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.OverthinkingTax;
import org.tokenyield.analytics.calc.ScalingPoint;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.calc.TiedSetting;
import org.tokenyield.system.Csv;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The figures of one model version (METRICS.md sections 3 to 8) as JSON, or CSV with
 * {@code format=csv} / {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/v1")
class FigureApi {

	private final FigureService figures;

	private final ConfigFigureService configFigures;

	private final FigureResponses respond;

	private final UnseenTokensService unseen;

	FigureApi(FigureService figures, ConfigFigureService configFigures, FigureResponses respond,
			UnseenTokensService unseen) {
		this.unseen = unseen;
		this.configFigures = configFigures;
		this.figures = figures;
		this.respond = respond;
	}

	// ------------------------------------------------------------ per-model figures
	// (METRICS.md 3 to 8)

	/**
	 * A setting of the overall sweep: its point (tokens and accuracy over the paired
	 * prompts) and whether it was honoured (the reasoning change against
	 * {@code compared_with}, the previous setting of the sweep, over
	 * {@code reasoning_prompts} paired prompts).
	 */
	record SweepPoint(String setting, double tokens, double accuracy, Estimate reasoningChange, String comparedWith,
			Integer reasoningPrompts, boolean settingIgnored, Double overrunRate, Double truncatedRate,
			Double accuracyWithoutTruncated) {

		static SweepPoint of(ScalingPoint p, SettingHonour h, Double withoutTruncated) {
			if (h == null || h.comparedWith() == null) {
				// the first setting of the sweep has nothing to be compared with
				return new SweepPoint(p.setting(), p.tokens(), p.accuracy(), null, null, null, false,
						h == null ? null : h.overrunRate(), h == null ? null : h.truncatedRate(), withoutTruncated);
			}
			return new SweepPoint(p.setting(), p.tokens(), p.accuracy(), h.reasoningChange(), h.comparedWith(),
					h.prompts(), h.ignored(), h.overrunRate(), h.truncatedRate(), withoutTruncated);
		}

	}

	/**
	 * API.md: the overall fit at the top level, plus the fits per category and per
	 * difficulty band. {@code cheapest_tied_setting} and {@code overthinking_tax}
	 * (docs/methodology-notes.md) are null with fewer than two settings;
	 * {@code difficulty_tracking} has one entry per setting.
	 */
	record Scaling(String model, boolean simulated, String defaultSetting, int prompts, List<SweepPoint> points,
			Estimate alpha, Estimate beta, String regime, String sweetSpot, String efficientSetting, boolean peaked,
			Double intercept, Map<String, ScalingFigure> byCategory, Map<String, ScalingFigure> byBand,
			CheapestTiedSetting cheapestTiedSetting, OverthinkingTax overthinkingTax,
			List<DifficultyTracking> difficultyTracking) {
	}

	/** {@link TiedSetting} as the API names it ({@code savings_per_1000}). */
	record CheapestTiedSetting(String setting, Estimate accuracyGap, Double costPerCorrect,
			@JsonProperty("savings_per_1000") double savingsPer1000) {

		static CheapestTiedSetting of(TiedSetting t) {
			return t == null ? null
					: new CheapestTiedSetting(t.setting(), t.accuracyGap(), t.costPerCorrect(), t.savingsPer1000());
		}

	}

	@GetMapping("/scaling")
	@ApiResponse(responseCode = "200",
			description = "the scaling fit of a version, overall, by category and by difficulty band",
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = Scaling.class)),
					@Content(mediaType = Csv.MEDIA_TYPE,
							schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> scaling(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		ScalingReport r = this.figures.scaling(model, query.filter());
		if (query.csv(accept)) {
			// the honour columns belong to the overall sweep: empty in the group rows
			record CsvRow(String group, String setting, double tokens, double accuracy, int prompts, Estimate alpha,
					Estimate beta, String regime, String sweetSpot, String efficientSetting, boolean peaked,
					Estimate reasoningChange, String comparedWith, Boolean settingIgnored, Double overrunRate,
					Double truncatedRate, Double accuracyWithoutTruncated) {
			}
			List<CsvRow> rows = new ArrayList<>();
			Map<String, ScalingFigure> groups = new LinkedHashMap<>();
			groups.put("(all)", r.overall());
			r.byCategory().forEach((k, v) -> groups.put("category:" + k, v));
			r.byBand().forEach((k, v) -> groups.put("band:" + k, v));
			groups.forEach((g, f) -> f.points().forEach(p -> {
				SweepPoint s = "(all)".equals(g)
						? SweepPoint.of(p, r.honourOf(p.setting()), r.accuracyWithoutTruncatedOf(p.setting())) : null;
				Estimate change = (s == null || s.reasoningChange() == null) ? Estimate.UNDEFINED : s.reasoningChange();
				rows.add(new CsvRow(g, p.setting(), p.tokens(), p.accuracy(), f.prompts(), f.alpha(), f.beta(),
						f.regime(), f.sweetSpot(), f.efficientSetting(), f.peaked(), change,
						s == null ? null : s.comparedWith(), s == null ? null : s.settingIgnored(),
						s == null ? null : s.overrunRate(), s == null ? null : s.truncatedRate(),
						s == null ? null : s.accuracyWithoutTruncated()));
			}));
			return this.respond.csv(request, rows, "scaling");
		}
		ScalingFigure o = r.overall();
		List<SweepPoint> points = o.points()
			.stream()
			.map(p -> SweepPoint.of(p, r.honourOf(p.setting()), r.accuracyWithoutTruncatedOf(p.setting())))
			.toList();
		return this.respond.json(request,
				new Scaling(r.model(), r.simulated(), r.defaultSetting(), o.prompts(), points, o.alpha(), o.beta(),
						o.regime(), o.sweetSpot(), o.efficientSetting(), o.peaked(), o.intercept(), r.byCategory(),
						r.byBand(), CheapestTiedSetting.of(r.cheapestTiedSetting()), r.overthinkingTax(),
						r.difficultyTracking()));
	}

	@GetMapping("/variance")
	@ApiResponse(responseCode = "200", description = "the token variance across samples of a version", content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = VarianceReport.class)),
			@Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> variance(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		VarianceReport r = this.configFigures.variance(model, query.filter());
		return this.respond.figure(request, query, accept, r, r.rows(), "variance");
	}

	@GetMapping("/length")
	@ApiResponse(responseCode = "200", description = "correctness by output length of a version", content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = LengthReport.class)),
			@Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> length(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		LengthReport r = this.configFigures.length(model, query.filter());
		return this.respond.figure(request, query, accept, r, List.of(r), "length");
	}

	@GetMapping("/parallel")
	@ApiResponse(responseCode = "200",
			description = "pass@k and majority@k of a version (majority@k null when no run carries an answer)",
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ParallelReport.class)),
					@Content(mediaType = Csv.MEDIA_TYPE,
							schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> parallel(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		ParallelReport r = this.configFigures.parallel(model, query.filter());
		return this.respond.figure(request, query, accept, r, r.points(), "parallel");
	}

	@GetMapping("/adaptive")
	@ApiResponse(responseCode = "200", description = "the adaptive-budget plan of a version", content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = AdaptiveReport.class)),
			@Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> adaptive(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		AdaptiveReport r = this.figures.adaptive(model, query.filter());
		return this.respond.figure(request, query, accept, r, r.rows(), "adaptive");
	}

	@GetMapping("/timeline")
	@ApiResponse(responseCode = "200", description = "the weekly timeline of a version", content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = TimelineReport.class)),
			@Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> timeline(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		TimelineReport r = this.configFigures.timeline(model, query.filter());
		return this.respond.figure(request, query, accept, r, r.weeks(), "timeline");
	}

	/**
	 * Unseen tokens of every setting of a version (docs/methodology-notes.md "Unseen
	 * tokens").
	 */
	@GetMapping("/unseen")
	@ApiResponse(responseCode = "200",
			description = "billed output beyond reported reasoning and the re-counted visible answer, per setting",
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = UnseenTokensService.Report.class)),
					@Content(mediaType = Csv.MEDIA_TYPE,
							schema = @Schema(type = "string", description = Csv.SAME_ROWS)) })
	ResponseEntity<?> unseen(@RequestParam String model, @ParameterObject FigureParameters query,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, ServletWebRequest request) {
		UnseenTokensService.Report r = this.unseen.unseen(model, query.filter());
		return this.respond.figure(request, query, accept, r, r.configs(), "unseen");
	}

}
