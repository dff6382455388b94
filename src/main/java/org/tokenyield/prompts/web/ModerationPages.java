package org.tokenyield.prompts.web;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.system.AuditLog;
import org.tokenyield.prompts.GraderForm;
import org.tokenyield.prompts.PromptReports;
import org.tokenyield.prompts.PromptModeration;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.prompts.PromptStatus;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.FormErrors;
import org.tokenyield.system.InvalidInputException;
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

/**
 * The maintainers' queue: approve, reject with a reason, correct, merge, retire; reports;
 * audit log.
 */
@Controller
class ModerationPages {

	private final PromptService prompts;

	private final PromptModeration moderation;

	private final PromptReports reports;

	private final AuditLog audit;

	private final CurrentAccount current;

	ModerationPages(PromptService prompts, PromptModeration moderation, PromptReports reports, AuditLog audit,
			CurrentAccount current) {
		this.prompts = prompts;
		this.moderation = moderation;
		this.reports = reports;
		this.audit = audit;
		this.current = current;
	}

	@GetMapping("/moderation")
	String queue(Model model) {
		model.addAttribute("pending", this.prompts.byStatus(PromptStatus.PENDING));
		model.addAttribute("reports", this.reports.openReports());
		model.addAttribute("categories", this.prompts.categories());
		return "moderation";
	}

	@PostMapping("/moderation/{id}/approve")
	String approve(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, () -> this.moderation.approve(id, this.current.require()),
				"Prompt #" + id + " approved; its runs are queued.");
	}

	@PostMapping("/moderation/{id}/reject")
	String reject(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return act(redirect, () -> this.moderation.reject(id, reason, this.current.require()),
				"Prompt #" + id + " rejected.");
	}

	@PostMapping("/moderation/{id}/retire")
	String retire(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, () -> this.moderation.retire(id, this.current.require()), "Prompt #" + id + " retired.");
	}

	@PostMapping("/moderation/{id}/merge")
	String merge(@PathVariable long id, @RequestParam(required = false) Long into, RedirectAttributes redirect) {
		if (into == null) {
			redirect.addFlashAttribute("error", "Give the id of the prompt to merge into.");
			return "redirect:/moderation";
		}
		return act(redirect, () -> this.moderation.merge(id, into, this.current.require()),
				"Prompt #" + id + " merged into #" + into + ".");
	}

	@GetMapping("/moderation/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		var prompt = this.prompts.viewFor(id, this.current.get());
		model.addAttribute("prompt", prompt);
		model.addAttribute("grader", GraderForm.of(prompt.grader()));
		model.addAttribute("categories", this.prompts.categories());
		return "moderation-edit";
	}

	@PostMapping("/moderation/{id}/edit")
	String edit(@PathVariable long id, @RequestParam String category,
			@RequestParam(defaultValue = "") String difficulty, @ModelAttribute("grader") GraderForm grader,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (FormErrors.succeeded(result, "category",
				() -> this.moderation.moderate(id, category, difficulty, grader.toMap(), this.current.require()))) {
			redirect.addFlashAttribute("done",
					"Prompt #" + id + " updated; stored answers were regraded if the rule changed.");
			return "redirect:/prompts/" + id;
		}
		model.addAttribute("prompt", this.prompts.viewFor(id, this.current.get()));
		model.addAttribute("categories", this.prompts.categories());
		model.addAttribute("errors", FormErrors.byField(result));
		return "moderation-edit";
	}

	@PostMapping("/moderation/reports/{id}")
	String closeReport(@PathVariable long id, @RequestParam boolean upheld, RedirectAttributes redirect) {
		return act(redirect, () -> this.reports.closeReport(id, upheld, this.current.require()),
				"Report #" + id + (upheld ? " resolved." : " dismissed."));
	}

	/**
	 * The audit log, 100 entries a page, filtered by action, actor or prompt (all in the
	 * URL).
	 */
	@GetMapping("/audit")
	String audit(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(required = false) Long prompt, @RequestParam(required = false) Long before, Model model) {
		AuditLog.Filter filter = new AuditLog.Filter(action, actor, prompt, before, 100);
		AuditLog.Page page = this.audit.page(filter);
		model.addAttribute("filter", filter);
		model.addAttribute("entries", page.entries());
		model.addAttribute("nextBefore", page.nextBefore());
		model.addAttribute("actions", this.audit.actions());
		return "audit";
	}

	private String act(RedirectAttributes redirect, Runnable action, String done) {
		try {
			action.run();
			redirect.addFlashAttribute("done", done);
		}
		catch (InvalidInputException | ConflictException | NotFoundException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/moderation";
	}

}
