package org.tokenyield.runs.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.runs.ProviderStatusService;
import org.tokenyield.runs.RunSchedules;
import org.tokenyield.runs.RunService;
import org.tokenyield.system.FormErrors;
import org.tokenyield.system.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The run page (reproduction bundle), the run plans admin page and the provider status
 * page.
 */
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

	RunPages(RunService runs, RunSchedules schedules, ProviderStatusService providers, CatalogService catalog,
			CurrentAccount current) {
		this.runs = runs;
		this.schedules = schedules;
		this.providers = providers;
		this.catalog = catalog;
		this.current = current;
	}

	/** Shown to whoever may see the run, as the API ({@code RunService.bundle}). */
	@GetMapping("/runs/{id}")
	String run(@PathVariable long id, Model model) {
		RunService.RunBundle bundle = this.runs.bundle(id).orElseThrow(() -> new NotFoundException("No run " + id));
		model.addAttribute("bundle", bundle);
		model.addAttribute("run", bundle.run());
		model.addAttribute("headersJson",
				bundle.headers().isEmpty() ? null : PRETTY.writeValueAsString(bundle.headers()));
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

	/**
	 * Prompts as the form takes them: {@code approved}, or ids such as
	 * {@code 12, 14 #15}, each a long (at most 18 digits). Single character classes only:
	 * no repeated groups, so no backtracking or deep recursion on a long input.
	 */
	static final String PROMPT_IDS = "(?i)\\s*approved\\s*|(?![\\s\\S]*[0-9]{19})(?![\\s\\S]*#(?![0-9]))[#0-9,\\s]*";

	/**
	 * The plan form as submitted: prompts "approved" (or empty) or ids, settings and
	 * samples optional.
	 */
	record PlanForm(@NotEmpty(message = "choose at least one model version") List<String> models,
			@Size(max = 100_000, message = "{text.at-most}") @Pattern(regexp = PROMPT_IDS,
					message = "must be \"approved\" or prompt ids separated by commas") String prompts,
			@Size(max = 2000, message = "{text.at-most}") String settings,
			@Min(value = 1, message = "must be between 1 and 64") @Max(value = 64,
					message = "must be between 1 and 64") Integer samples,
			Boolean confirm) {

		/** The plan asked for; call only on a form without errors. */
		RunService.PlanRequest request() {
			boolean all = this.prompts == null || this.prompts.isBlank()
					|| "approved".equalsIgnoreCase(this.prompts.strip());
			List<Long> ids = new ArrayList<>();
			if (!all) {
				for (String p : this.prompts.split("[,\\s]+")) {
					if (!p.isBlank()) {
						ids.add(Long.parseLong(p.strip().replace("#", "")));
					}
				}
			}
			return new RunService.PlanRequest(this.models, ids, all, list(this.settings), this.samples);
		}

	}

	/**
	 * The recurring re-run form: a version, every so many days, settings and samples
	 * optional.
	 */
	record ScheduleForm(@NotBlank(message = "choose a model version") String model,
			@NotNull(message = "must be between 1 and 366") @Min(value = 1, message = "must be between 1 and 366") @Max(
					value = 366, message = "must be between 1 and 366") Integer intervalDays,
			@Size(max = 2000, message = "{text.at-most}") String settings, Integer samples) {
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
	String preview(@Valid @ModelAttribute("form") PlanForm form, BindingResult errors, Model model) {
		if (!errors.hasErrors()) {
			FormErrors.attempt(errors, null, () -> this.runs.estimate(form.request()))
				.ifPresent(estimate -> model.addAttribute("estimate", estimate));
		}
		return plans(model);
	}

	@PostMapping("/admin/runs")
	String create(@Valid @ModelAttribute("form") PlanForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			Optional<RunService.PlanCreated> created = FormErrors.attempt(errors, null,
					() -> this.runs.plan(form.request(), this.current.require(), Boolean.TRUE.equals(form.confirm())));
			if (created.isPresent()) {
				redirect.addFlashAttribute("done",
						"Plan #" + created.get().id() + " queued " + created.get().runsQueued() + " runs.");
				return "redirect:/admin/runs";
			}
		}
		return plans(model);
	}

	/** A schedule's errors come back over the redirect, as its success does. */
	@PostMapping("/admin/runs/schedules")
	String schedule(@Valid @ModelAttribute("schedule") ScheduleForm form, BindingResult errors,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			FormErrors
				.attempt(errors, null,
						() -> this.schedules.create(form.model(), form.intervalDays(), list(form.settings()),
								form.samples(), this.current.require()))
				.ifPresent(id -> redirect.addFlashAttribute("done", "Schedule #" + id + " re-runs " + form.model()
						+ " every " + form.intervalDays() + " days; the first plan is queued at the next check."));
		}
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("error", FormErrors.summary(errors));
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
