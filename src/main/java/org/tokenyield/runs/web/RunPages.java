package org.tokenyield.runs.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.runs.ProviderStatusService;
import org.tokenyield.runs.RunSchedules;
import org.tokenyield.runs.RunService;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/** The run page (reproduction bundle), the run plans admin page and the provider status page. */
@Controller
class RunPages {

	private static final JsonMapper PRETTY = JsonMapper.builder()
		.enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
		.build();

	private final RunService runs;

	private final RunSchedules schedules;

	private final ProviderStatusService providers;

	private final CatalogService catalog;

	private final CurrentAccount current;

	private final SimulatedVisibility visibility;

	RunPages(RunService runs, RunSchedules schedules, ProviderStatusService providers, CatalogService catalog,
			CurrentAccount current, SimulatedVisibility visibility) {
		this.runs = runs;
		this.schedules = schedules;
		this.providers = providers;
		this.catalog = catalog;
		this.current = current;
		this.visibility = visibility;
	}

	/** Public for runs of real models, and for simulated ones in demo mode (as the API). */
	@GetMapping("/runs/{id}")
	String run(@PathVariable long id, Model model) {
		RunService.RunBundle bundle = this.runs.bundle(id)
			.filter(b -> this.visibility.isPublic(b.run().simulated()))
			.orElseThrow(() -> new NotFoundException("No run " + id));
		model.addAttribute("bundle", bundle);
		model.addAttribute("run", bundle.run());
		model.addAttribute("headersJson", bundle.headers().isEmpty() ? null : PRETTY.writeValueAsString(bundle.headers()));
		model.addAttribute("requestJson", pretty(bundle.requestBody()));
		model.addAttribute("rawJson", pretty(bundle.rawBody()));
		return "run";
	}

	private static String pretty(String json) {
		if (json == null) {
			return null;
		}
		try {
			return PRETTY.writeValueAsString(PRETTY.readTree(json));
		}
		catch (RuntimeException ex) {
			return json; // not JSON (a broken body): shown exactly as received
		}
	}

	/** The plan form as submitted: prompts "approved" or ids, settings and samples optional. */
	record PlanForm(List<String> models, String prompts, String settings, Integer samples, Boolean confirm) {

		RunService.PlanRequest request() {
			List<String> keys = this.models == null ? List.of() : this.models;
			if (keys.isEmpty()) {
				throw new InvalidInputException("models", "choose at least one model version");
			}
			boolean all = this.prompts == null || this.prompts.isBlank() || "approved".equalsIgnoreCase(this.prompts.strip());
			List<Long> ids = new ArrayList<>();
			if (!all) {
				for (String p : this.prompts.split("[,\\s]+")) {
					if (p.isBlank()) {
						continue;
					}
					try {
						ids.add(Long.parseLong(p.strip().replace("#", "")));
					}
					catch (NumberFormatException ex) {
						throw new InvalidInputException("prompts", "must be \"approved\" or prompt ids separated by commas");
					}
				}
			}
			return new RunService.PlanRequest(keys, ids, all, list(this.settings), this.samples);
		}

	}

	static List<String> list(String csv) {
		if (csv == null || csv.isBlank()) {
			return List.of();
		}
		return Arrays.stream(csv.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	@GetMapping("/admin/runs")
	String plans(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new PlanForm(List.of(), "approved", "", null, false));
		}
		model.addAttribute("totals", this.runs.totals());
		model.addAttribute("plans", this.runs.recentPlans(25));
		model.addAttribute("schedules", this.schedules.all());
		model.addAttribute("models", this.catalog.all().stream().filter(ModelVersion::schedulable).toList());
		return "admin-runs";
	}

	@PostMapping("/admin/runs/preview")
	String preview(PlanForm form, Model model) {
		model.addAttribute("form", form);
		try {
			model.addAttribute("estimate", this.runs.estimate(form.request()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return plans(model);
	}

	@PostMapping("/admin/runs")
	String create(PlanForm form, Model model, RedirectAttributes redirect) {
		try {
			RunService.PlanCreated created = this.runs.plan(form.request(), this.current.require(),
					Boolean.TRUE.equals(form.confirm()));
			redirect.addFlashAttribute("done", "Plan #" + created.id() + " queued " + created.runsQueued() + " runs.");
			return "redirect:/admin/runs";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", form);
			model.addAttribute("error", ex.getMessage());
			return plans(model);
		}
	}

	@PostMapping("/admin/runs/schedules")
	String schedule(@RequestParam String model, @RequestParam int intervalDays,
			@RequestParam(required = false) String settings, @RequestParam(required = false) Integer samples,
			RedirectAttributes redirect) {
		try {
			long id = this.schedules.create(model, intervalDays, list(settings), samples, this.current.require());
			redirect.addFlashAttribute("done", "Schedule #" + id + " re-runs " + model + " every " + intervalDays
					+ " days; the first plan is queued at the next check.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/runs";
	}

	@PostMapping("/admin/runs/schedules/{id}/active")
	String setActive(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
		this.schedules.setActive(id, active);
		redirect.addFlashAttribute("done", "Schedule #" + id + (active ? " resumed." : " paused."));
		return "redirect:/admin/runs";
	}

	@GetMapping("/admin/providers")
	String providers(Model model) {
		model.addAttribute("providers", this.providers.all());
		return "admin-providers";
	}

}
