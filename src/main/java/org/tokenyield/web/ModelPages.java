package org.tokenyield.web;

import java.util.ArrayList;
import java.util.List;

import org.tokenyield.analytics.FigureFilter;
import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.FigureService;
import org.tokenyield.analytics.LeaderboardService;
import org.tokenyield.analytics.UnseenTokensService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.system.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The model version page ({@code /models/provider/model}: the key keeps its slash) and
 * the comparison of any two versions. Tables are rendered here; the charts fetch the same
 * figures from the JSON API with the page's own query string.
 */
@Controller
class ModelPages {

	private final LeaderboardService leaderboard;

	private final FigureService figures;

	private final PromptService prompts;

	private final UnseenTokensService unseen;

	ModelPages(LeaderboardService leaderboard, FigureService figures, PromptService prompts,
			UnseenTokensService unseen) {
		this.unseen = unseen;
		this.leaderboard = leaderboard;
		this.figures = figures;
		this.prompts = prompts;
	}

	@GetMapping("/models/{provider}/{name}")
	String model(@PathVariable String provider, @PathVariable String name, FigureParameters query, Model model) {
		FigureFilter filter = query.filter();
		ModelVersion version = visible(provider + "/" + name);
		model.addAttribute("version", version);
		model.addAttribute("filter", filter);
		model.addAttribute("configSetting", filter.configSetting(version.defaultSetting()));
		model.addAttribute("scaling", this.figures.scaling(version.key(), filter));
		model.addAttribute("adaptive", this.figures.adaptive(version.key(), filter));
		model.addAttribute("unseen", this.unseen.unseen(version.key(), filter));
		model.addAttribute("categories", this.prompts.categories());
		model.addAttribute("settings", version.settings());
		return "model";
	}

	@GetMapping("/compare")
	String compare(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			FigureParameters query, Model model) {
		FigureFilter filter = query.filter();
		List<ModelVersion> versions = this.leaderboard.visibleModels();
		model.addAttribute("versions", versions);
		model.addAttribute("filter", filter);
		model.addAttribute("categories", this.prompts.categories());
		List<String> settings = new ArrayList<>(
				new java.util.TreeSet<>(versions.stream().flatMap(v -> v.settings().stream()).toList()));
		model.addAttribute("settings", settings);
		model.addAttribute("from", blank(from) ? null : from);
		model.addAttribute("to", blank(to) ? null : to);
		if (!blank(from) && !blank(to)) {
			visible(from);
			visible(to);
			model.addAttribute("drift", this.leaderboard.drift(from, to, filter));
		}
		return "compare";
	}

	private ModelVersion visible(String key) {
		try {
			return this.leaderboard.visible(key);
		}
		catch (NotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage());
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
