package org.tokenyield.prompts.web;

import org.tokenyield.system.ApiRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.prompts.PromptDraft;
import org.tokenyield.prompts.PromptReports;
import org.tokenyield.prompts.PromptModeration;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.prompts.PromptStatus;
import org.tokenyield.prompts.PromptView;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Prompts", description = "Prompts and their moderation")
@RestController
@RequestMapping("/api/v1/prompts")
class PromptApi {

	private final PromptService prompts;

	private final PromptModeration moderation;

	private final PromptReports reports;

	private final CurrentAccount current;

	PromptApi(PromptService prompts, PromptModeration moderation, PromptReports reports, CurrentAccount current) {
		this.prompts = prompts;
		this.moderation = moderation;
		this.reports = reports;
		this.current = current;
	}

	record Submitted(long id, PromptStatus status) {
	}

	@ApiRole("MEMBER")
	@Operation(operationId = "submitPrompt", summary = "Submit a prompt for moderation")
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Submitted submit(@Valid @RequestBody PromptDraft draft) {
		PromptView prompt = this.prompts.submit(draft, this.current.require());
		return new Submitted(prompt.id(), prompt.status());
	}

	@Operation(operationId = "getPrompt", summary = "One prompt")
	@GetMapping("/{id}")
	PromptView get(@PathVariable long id) {
		return this.prompts.viewFor(id, this.current.get());
	}

	/** Approved prompts are public; any other status is the maintainers' queue. */
	@ApiRole(value = "MAINTAINER", when = "status is not APPROVED")
	@Operation(operationId = "listPrompts", summary = "Prompts by status (approved ones are public)")
	@GetMapping
	List<PromptView> list(@RequestParam(defaultValue = "APPROVED") PromptStatus status) {
		if (status != PromptStatus.APPROVED && !CurrentAccount.hasRole(Role.MAINTAINER)) {
			if (this.current.get().isEmpty()) {
				this.current.require();
			}
			throw new AccessDeniedException("Only maintainers list prompts that are " + status);
		}
		return this.prompts.byStatus(status);
	}

	record Decision(PromptStatus status) {
	}

	@ApiRole("MAINTAINER")
	@Operation(operationId = "approvePrompt", summary = "Approve a pending prompt")
	@PostMapping("/{id}/approve")
	Decision approve(@PathVariable long id) {
		return new Decision(this.moderation.approve(id, this.current.require()).status());
	}

	record Reason(@NotBlank @Size(max = 1000, message = "{text.at-most}") String reason) {
	}

	@ApiRole("MAINTAINER")
	@Operation(operationId = "rejectPrompt", summary = "Reject a pending prompt with a reason")
	@PostMapping("/{id}/reject")
	Decision reject(@PathVariable long id, @Valid @RequestBody Reason body) {
		return new Decision(this.moderation.reject(id, body.reason(), this.current.require()).status());
	}

	@ApiRole("MAINTAINER")
	@Operation(operationId = "retirePrompt", summary = "Retire an approved prompt")
	@PostMapping("/{id}/retire")
	Decision retire(@PathVariable long id) {
		return new Decision(this.moderation.retire(id, this.current.require()).status());
	}

	record Moderation(@Size(max = 32, message = "{text.at-most}") String category,
			@Size(max = 8, message = "{text.at-most}") String difficulty, Map<String, Object> grader) {
	}

	@ApiRole("MAINTAINER")
	@Operation(operationId = "editPrompt", summary = "Correct a prompt's category, difficulty or grader")
	@PostMapping("/{id}/edit")
	PromptView moderate(@PathVariable long id, @Valid @RequestBody Moderation body) {
		return this.moderation.moderate(id, body.category(), body.difficulty(), body.grader(), this.current.require());
	}

	@ApiRole("MEMBER")
	@Operation(operationId = "reportPrompt", summary = "Report a problem with a prompt")
	@PostMapping("/{id}/report")
	@ResponseStatus(HttpStatus.CREATED)
	void report(@PathVariable long id, @Valid @RequestBody Reason body) {
		this.prompts.viewFor(id, this.current.get());
		this.reports.report(id, body.reason(), this.current.require());
	}

}
