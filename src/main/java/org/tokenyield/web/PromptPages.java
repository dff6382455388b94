package org.tokenyield.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.prompts.GraderForm;
import org.tokenyield.prompts.PromptDraft;
import org.tokenyield.prompts.PromptReports;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.prompts.PromptView;
import org.tokenyield.runs.RunService;
import org.tokenyield.runs.RunService.RunFilter;
import org.tokenyield.runs.RunView;
import org.tokenyield.system.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Submitting prompts, "my submissions", and the public prompt page with its results. */
@Controller
class PromptPages {

	private final PromptService prompts;

	private final PromptReports reports;

	private final RunService runs;

	private final CurrentAccount current;

	PromptPages(PromptService prompts, PromptReports reports, RunService runs, CurrentAccount current) {
		this.prompts = prompts;
		this.reports = reports;
		this.runs = runs;
		this.current = current;
	}

	/**
	 * The submit form: title, text, category and the grading rule's fields. Its
	 * constraints are the draft's ({@link PromptDraft}), so binding reports them by
	 * field.
	 */
	record SubmitForm(@NotBlank @Size(max = PromptDraft.MAX_TITLE, message = "{text.at-most}") String title,
			@NotBlank @Size(max = PromptDraft.MAX_TEXT, message = "{text.at-most}") String text,
			@NotBlank @Size(max = PromptDraft.MAX_CATEGORY, message = "{text.at-most}") String category,
			String graderType, String expected, String tolerance, String pattern, String all, String any,
			String required, String rubric, String options) {

		GraderForm grader() {
			return new GraderForm(this.graderType, this.expected, this.tolerance, this.pattern, this.all, this.any,
					this.required, this.rubric, this.options);
		}

		PromptDraft draft() {
			return new PromptDraft(this.title, this.text, this.category, grader().toMap());
		}

	}

	@GetMapping("/submit")
	String submitForm(Model model) {
		return form(model, new SubmitForm("", "", "", "exact", "", "", "", "", "", "", "", ""), null, Map.of(), null);
	}

	/** A refusal naming no field (the submission limit) shows beside the title. */
	@PostMapping("/submit")
	String submit(@Valid @ModelAttribute("form") SubmitForm form, BindingResult result,
			@RequestParam(defaultValue = "submit") String action, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors() && "preview".equals(action) && FormErrors.succeeded(result, "title",
				() -> this.prompts.check(form.draft(), this.current.get().orElse(null)))) {
			return form(model, form, form.draft(), Map.of(), null);
		}
		if (!result.hasErrors() && !"preview".equals(action)) {
			Optional<PromptView> saved = FormErrors.attempt(result, "title",
					() -> this.prompts.submit(form.draft(), this.current.require()));
			if (saved.isPresent()) {
				redirect.addFlashAttribute("done",
						"Prompt #" + saved.get().id() + " submitted; it waits for a maintainer.");
				return "redirect:/me/prompts";
			}
		}
		return form(model, form, null, FormErrors.byField(result), null);
	}

	@GetMapping("/prompts/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		PromptView p = this.prompts.viewFor(id, this.current.get());
		GraderForm g = GraderForm.of(p.grader());
		return form(model, new SubmitForm(p.title(), p.text(), p.category(), g.graderType(), g.expected(),
				g.tolerance(), g.pattern(), g.all(), g.any(), g.required(), g.rubric(), g.options()), null, Map.of(),
				id);
	}

	@PostMapping("/prompts/{id}/edit")
	String edit(@PathVariable long id, @Valid @ModelAttribute("form") SubmitForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (!result.hasErrors() && FormErrors.succeeded(result, "title",
				() -> this.prompts.editPending(id, form.draft(), this.current.require()))) {
			redirect.addFlashAttribute("done", "Prompt #" + id + " updated.");
			return "redirect:/me/prompts";
		}
		return form(model, form, null, FormErrors.byField(result), id);
	}

	private String form(Model model, SubmitForm form, PromptDraft preview, Map<String, String> errors, Long editing) {
		model.addAttribute("form", form);
		model.addAttribute("grader", form.grader());
		model.addAttribute("preview", preview);
		model.addAttribute("errors", errors);
		model.addAttribute("editing", editing);
		model.addAttribute("categories", this.prompts.categories());
		return "submit";
	}

	@GetMapping("/me/prompts")
	String mine(Model model) {
		var me = this.current.require();
		List<PromptView> mine = this.prompts.byAuthor(me.id());
		model.addAttribute("prompts", mine);
		return "my-prompts";
	}

	@GetMapping("/prompts/{id}")
	String prompt(@PathVariable long id, Model model) {
		PromptView prompt = this.prompts.viewFor(id, this.current.get());
		model.addAttribute("prompt", prompt);
		List<RunView> results = this.runs.list(new RunFilter(null, id, null, null), 0, 500).items();
		// read as a sweep: each version's settings together, samples in order
		model.addAttribute("runs",
				results.stream()
					.sorted(java.util.Comparator.comparing(RunView::model)
						.thenComparing(RunView::setting)
						.thenComparingInt(RunView::sample)
						.thenComparingLong(RunView::id))
					.toList());
		var me = this.current.get();
		model.addAttribute("isAuthor", me.isPresent() && Long.valueOf(me.get().id()).equals(prompt.authorId()));
		return "prompt";
	}

	record ReportForm(@NotBlank @Size(max = 1000, message = "{text.at-most}") String reason) {
	}

	@PostMapping("/prompts/{id}/report")
	String report(@PathVariable long id, @Valid ReportForm form, BindingResult result, RedirectAttributes redirect) {
		this.prompts.viewFor(id, this.current.get());
		if (result.hasErrors()) {
			redirect.addFlashAttribute("error", "A report needs a reason (at most 1000 characters).");
		}
		else if (FormErrors.succeeded(result, null,
				() -> this.reports.report(id, form.reason(), this.current.require()))) {
			redirect.addFlashAttribute("done", "Thank you: a maintainer will look at your report.");
		}
		else {
			redirect.addFlashAttribute("error", FormErrors.summary(result));
		}
		return "redirect:/prompts/" + id;
	}

}
