package org.tokenyield.web;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.analytics.FigureFilter;
import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.LeaderboardRow;
import org.tokenyield.analytics.LeaderboardService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.imports.ShippedDatasets;
import org.tokenyield.prompts.PromptService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page: the leaderboard table (core columns first, the rest with
 * {@code columns=all}) with its filters in the query string, the drift-against-accuracy
 * figure and the Pareto chart. Real results lead: the rows of versions that are not
 * simulated come first, each group in the ranking's order, under the credit of the real
 * datasets shipped with the project.
 */
@Controller
class LeaderboardPage {

	private final LeaderboardService leaderboard;

	private final PromptService prompts;

	private final ShippedDatasets shipped;

	/** Real rows first; the sort is stable, so each group keeps the ranking's order. */
	static final Comparator<LeaderboardRow> REAL_FIRST = Comparator.comparing(LeaderboardRow::simulated);

	private final AnonymousPages pages;

	LeaderboardPage(LeaderboardService leaderboard, PromptService prompts, ShippedDatasets shipped,
			AnonymousPages pages) {
		this.pages = pages;
		this.leaderboard = leaderboard;
		this.prompts = prompts;
		this.shipped = shipped;
	}

	/** The rendered page for anonymous readers, else the view "leaderboard". */
	@GetMapping("/")
	Object home(FigureParameters query, @RequestParam(required = false) String columns, Model model,
			HttpServletRequest request) {
		FigureFilter filter = query.filter();
		// the secondary columns are one tick away and the choice lives in the URL like
		// the filters
		boolean allColumns = "all".equals(columns);
		if (this.pages.serves(request)) {
			return this.pages.leaderboardPage("leaderboard", m -> home(filter, allColumns, m), filter, allColumns);
		}
		home(filter, allColumns, model);
		return "leaderboard";
	}

	private void home(FigureFilter filter, boolean allColumns, Model model) {
		model.addAttribute("filter", filter);
		model.addAttribute("allColumns", allColumns);
		// the rows with their ignored / over budget / truncated badges, one figure
		LeaderboardService.RowsWithBadges view = this.leaderboard.rowsWithBadges(filter);
		model.addAttribute("rows", view.rows().stream().sorted(REAL_FIRST).toList());
		model.addAttribute("shipped",
				this.shipped.loaded().stream().filter(ShippedDatasets.Loaded::installed).toList());
		model.addAttribute("honour", view.honour());
		model.addAttribute("categories", this.prompts.categories());
		TreeSet<String> settings = new TreeSet<>();
		this.leaderboard.visibleModels().stream().map(ModelVersion::settings).forEach(settings::addAll);
		model.addAttribute("settings", List.copyOf(settings));
	}

	@GetMapping("/methodology")
	String methodology() {
		return "methodology";
	}

}
