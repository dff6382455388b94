package org.tokenyield.prompts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.prompts.PromptEvents.GradingRuleChanged;
import org.tokenyield.prompts.PromptEvents.PromptApproved;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A maintainer's decisions on a prompt: approve (its runs are queued), reject with a
 * reason, retire, merge into another, correct category, difficulty or grading rule
 * (stored answers are regraded). Each is audited; the moves themselves are guarded by
 * {@link Prompt}.
 */
@Service
public class PromptModeration {

	private final PromptRepository prompts;

	private final PromptRules rules;

	private final PromptViews views;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PromptModeration(PromptRepository prompts, PromptRules rules, PromptViews views, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.prompts = prompts;
		this.rules = rules;
		this.views = views;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public PromptView approve(long id, AccountView maintainer) {
		Prompt prompt = load(id);
		prompt.approve(this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "APPROVED", id, null);
		this.events.publishEvent(new PromptApproved(id));
		return this.views.view(prompt);
	}

	@Transactional
	public PromptView reject(long id, String reason, AccountView maintainer) {
		if (reason == null || reason.isBlank() || reason.length() > 1000) {
			throw new InvalidInputException("reason", "is required (at most 1000 characters)");
		}
		Prompt prompt = load(id);
		prompt.reject(reason.strip(), this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "REJECTED", id, reason.strip());
		return this.views.view(prompt);
	}

	@Transactional
	public PromptView retire(long id, AccountView maintainer) {
		Prompt prompt = load(id);
		prompt.retire(this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "RETIRED", id, null);
		return this.views.view(prompt);
	}

	@Transactional
	public PromptView merge(long id, long into, AccountView maintainer) {
		Prompt target = load(into);
		Prompt prompt = load(id);
		if (target.mergedIntoId() != null) {
			throw new ConflictException("into",
					"Prompt " + into + " was itself merged; merge into " + target.mergedIntoId());
		}
		prompt.mergeInto(into, this.clock.instant());
		this.prompts.flush();
		this.audit.record(maintainer.id(), "MERGED", id, "into #" + into);
		return this.views.view(prompt);
	}

	/** A maintainer's correction of category, difficulty or grading rule. */
	@Transactional
	public PromptView moderate(long id, String category, String difficulty, Map<String, Object> grader,
			AccountView maintainer) {
		Prompt prompt = load(id);
		String newGrader = grader == null ? prompt.grader() : this.rules.checkedGrader(grader);
		String newCategory = category == null || category.isBlank() ? prompt.category() : category;
		this.rules.checkCategory(newCategory);
		String newDifficulty = difficulty == null || difficulty.isBlank() ? null : difficulty;
		if (newDifficulty != null && !List.of("easy", "medium", "hard").contains(newDifficulty)) {
			throw new InvalidInputException("difficulty", "must be easy, medium or hard");
		}
		// a rule not sent is not read again: a stored one that today's limits refuse must
		// not stop a correction of the category or difficulty
		boolean graderChanged = grader != null
				&& !this.rules.parse(newGrader).equals(this.rules.storedRule(prompt.grader()));
		List<String> changes = new ArrayList<>();
		if (!newCategory.equals(prompt.category())) {
			changes.add("category " + prompt.category() + " → " + newCategory);
		}
		if (!Objects.equals(newDifficulty, prompt.difficulty())) {
			changes.add("difficulty " + prompt.difficulty() + " → " + newDifficulty);
		}
		if (graderChanged) {
			changes.add("grader " + prompt.grader() + " → " + newGrader);
		}
		prompt.moderate(newCategory, newDifficulty, newGrader, this.clock.instant());
		this.prompts.flush();
		if (!changes.isEmpty()) {
			this.audit.record(maintainer.id(), "EDITED_BY_MAINTAINER", id, String.join("; ", changes));
		}
		if (graderChanged) {
			this.events.publishEvent(new GradingRuleChanged(id));
		}
		return this.views.view(prompt);
	}

	private Prompt load(long id) {
		return this.prompts.findById(id).orElseThrow(() -> new NotFoundException("No prompt " + id));
	}

}
