package org.tokenyield.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

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

	private final AnonymousPages pages;

	ModelPages(LeaderboardService leaderboard, FigureService figures, PromptService prompts, UnseenTokensService unseen,
			AnonymousPages pages) {
		this.pages = pages;
		this.unseen = unseen;
		this.leaderboard = leaderboard;
		this.figures = figures;
		this.prompts = prompts;
	}

	/** The rendered page for anonymous readers, else the view "model". */
	@GetMapping("/models/{provider}/{name}")
	Object model(@PathVariable String provider, @PathVariable String name, FigureParameters query, Model model,
			HttpServletRequest request) {
		FigureFilter filter = query.filter();
		ModelVersion version = visible(provider + "/" + name);
		if (this.pages.serves(request)) {
			return this.pages.page("model", m -> model(version, filter, m), version.key(), filter);
		}
		model(version, filter, model);
		return "model";
	}

	private void model(ModelVersion version, FigureFilter filter, Model model) {
		model.addAttribute("version", version);
		model.addAttribute("filter", filter);
		model.addAttribute("configSetting", filter.configSetting(version.defaultSetting()));
		model.addAttribute("scaling", this.figures.scaling(version.key(), filter));
		model.addAttribute("adaptive", this.figures.adaptive(version.key(), filter));
		model.addAttribute("unseen", this.unseen.unseen(version.key(), filter));
		model.addAttribute("categories", this.prompts.categories());
		model.addAttribute("settings", version.settings());
	}

	/** The rendered page for anonymous readers, else the view "compare". */
	@GetMapping("/compare")
	Object compare(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			FigureParameters query, Model model, HttpServletRequest request) {
		FigureFilter filter = query.filter();
		String older = blank(from) ? null : from;
		String newer = blank(to) ? null : to;
		if (older != null && newer != null) {
			// unknown versions are a 404, never a page of their own in the cache
			visible(older);
			visible(newer);
		}
		if (this.pages.serves(request)) {
			return this.pages.page("compare", m -> compare(older, newer, filter, m), older, newer, filter);
		}
		compare(older, newer, filter, model);
		return "compare";
	}

	private void compare(String from, String to, FigureFilter filter, Model model) {
		List<ModelVersion> versions = this.leaderboard.visibleModels();
		model.addAttribute("versions", versions);
		model.addAttribute("filter", filter);
		model.addAttribute("categories", this.prompts.categories());
		List<String> settings = new ArrayList<>(
				new java.util.TreeSet<>(versions.stream().flatMap(v -> v.settings().stream()).toList()));
		model.addAttribute("settings", settings);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		if (from != null && to != null) {
			model.addAttribute("drift", this.leaderboard.drift(from, to, filter));
		}
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
