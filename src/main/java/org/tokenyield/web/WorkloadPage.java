package org.tokenyield.web;

import java.util.Map;

import org.tokenyield.analytics.FigureParameters;
import org.tokenyield.analytics.Workload;
import org.tokenyield.analytics.WorkloadService;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Your workload (docs/methodology-notes.md "Your workload"): a form in the query string,
 * so the page's URL is the link to share, and the projection of every config on it. A bad
 * parameter is shown beside its field.
 */
@Controller
class WorkloadPage {

	private final WorkloadService workloads;

	private final PromptService prompts;

	WorkloadPage(WorkloadService workloads, PromptService prompts) {
		this.workloads = workloads;
		this.prompts = prompts;
	}

	@GetMapping("/workload")
	String workload(@RequestParam(required = false) String mix,
			@RequestParam(name = "prompts_per_month", required = false) String promptsPerMonth,
			@RequestParam(name = "cache_hit", required = false) String cacheHit, FigureParameters query, Model model) {
		model.addAttribute("mix", mix);
		model.addAttribute("promptsPerMonth", promptsPerMonth);
		model.addAttribute("cacheHit", cacheHit);
		model.addAttribute("categories", this.prompts.categories());
		model.addAttribute("errors", Map.of());
		if (mix != null || promptsPerMonth != null) {
			try {
				Workload workload = Workload.parse(mix, promptsPerMonth, cacheHit);
				model.addAttribute("report", this.workloads.project(workload, query.filter()));
			}
			catch (InvalidInputException ex) {
				model.addAttribute("errors", ex.fieldErrors());
			}
		}
		return "workload";
	}

}
