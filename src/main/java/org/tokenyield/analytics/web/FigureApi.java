package org.tokenyield.analytics.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.FigureFilter;
import org.tokenyield.analytics.LeaderboardRow;
import org.tokenyield.analytics.LeaderboardService;
import org.tokenyield.analytics.LeaderboardService.DriftReport;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.system.Csv;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The figures of METRICS.md as JSON, or CSV with {@code format=csv} / {@code Accept: text/csv}. */
@RestController
@RequestMapping("/api/v1")
class FigureApi {

	private final LeaderboardService leaderboard;

	private final Csv csv;

	FigureApi(LeaderboardService leaderboard, Csv csv) {
		this.leaderboard = leaderboard;
		this.csv = csv;
	}

	record Leaderboard(FigureFilter filter, boolean demo, List<LeaderboardRow> rows) {
	}

	@GetMapping("/leaderboard")
	ResponseEntity<?> leaderboard(@RequestParam(required = false) String category,
			@RequestParam(required = false) String difficulty, @RequestParam(required = false) String setting,
			@RequestParam(required = false) String dataset, @RequestParam(required = false) String format,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		FigureFilter filter = new FigureFilter(category, difficulty, setting, dataset);
		List<LeaderboardRow> rows = this.leaderboard.leaderboard(filter);
		if (Csv.wanted(format, accept)) {
			return this.csv.response(rows, "leaderboard");
		}
		return ResponseEntity.ok(new Leaderboard(filter, rows.stream().anyMatch(LeaderboardRow::simulated), rows));
	}

	/** API.md: {prompts, input, generated, reasoning, accuracy_change, verdict}. */
	record DriftFigure(int prompts, Estimate input, Estimate generated, Estimate reasoning, Estimate accuracyChange,
			String verdict) {

		static DriftFigure of(DriftEstimate d) {
			return new DriftFigure(d.prompts(), d.input(), d.generated(), d.reasoning(), d.accuracyChange(),
					d.verdict() == null ? null : d.verdict().apiName());
		}

	}

	record Drift(String from, String fromSetting, String to, String toSetting, boolean simulated, int prompts,
			Estimate input, Estimate generated, Estimate reasoning, Estimate accuracyChange, String verdict,
			Map<String, DriftFigure> byCategory) {
	}

	@GetMapping("/drift")
	ResponseEntity<?> drift(@RequestParam String from, @RequestParam String to,
			@RequestParam(required = false) String category, @RequestParam(required = false) String difficulty,
			@RequestParam(required = false) String setting, @RequestParam(required = false) String dataset,
			@RequestParam(required = false) String format,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		DriftReport report = this.leaderboard.drift(from, to, new FigureFilter(category, difficulty, setting, dataset));
		DriftFigure overall = DriftFigure.of(report.overall());
		Map<String, DriftFigure> byCategory = new LinkedHashMap<>();
		report.byCategory().forEach((k, v) -> byCategory.put(k, DriftFigure.of(v)));
		if (Csv.wanted(format, accept)) {
			record CsvRow(String category, DriftFigure drift) {
			}
			List<CsvRow> rows = new java.util.ArrayList<>();
			rows.add(new CsvRow("(all)", overall));
			byCategory.forEach((k, v) -> rows.add(new CsvRow(k, v)));
			return this.csv.response(rows, "drift");
		}
		return ResponseEntity.ok(new Drift(report.from(), report.fromSetting(), report.to(), report.toSetting(),
				report.simulated(), overall.prompts(), overall.input(), overall.generated(), overall.reasoning(),
				overall.accuracyChange(), overall.verdict(), byCategory));
	}

}
