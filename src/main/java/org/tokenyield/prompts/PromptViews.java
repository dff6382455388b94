package org.tokenyield.prompts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tokenyield.accounts.AccountService;

import org.springframework.stereotype.Component;

/**
 * Prompts as other modules and pages see them, with their authors' names from the
 * accounts module.
 */
@Component
class PromptViews {

	private final AccountService accounts;

	private final PromptRules rules;

	PromptViews(AccountService accounts, PromptRules rules) {
		this.accounts = accounts;
		this.rules = rules;
	}

	PromptView view(Prompt p) {
		return views(List.of(p)).get(0);
	}

	/**
	 * Views of a list, with the authors' names read in one query rather than one per
	 * prompt.
	 */
	List<PromptView> views(List<Prompt> list) {
		Map<Long, String> authors = this.accounts
			.usernames(list.stream().map(Prompt::authorId).filter(Objects::nonNull).distinct().toList());
		return list.stream()
			.map(p -> new PromptView(p.id(), p.key(), p.title(), p.text(), p.category(), p.difficulty(),
					this.rules.graderMap(p.grader()), p.status(), p.rejectReason(), p.authorId(),
					authors.get(p.authorId()), p.source(), p.mergedIntoId(), p.createdAt(), p.approvedAt()))
			.toList();
	}

}
