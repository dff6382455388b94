package org.tokenyield.prompts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.Role;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.grading.GradingRules;
import org.tokenyield.grading.InvalidGradingRuleException;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a prompt must satisfy, whoever writes it (a member's submission or edit, a
 * maintainer's correction, the starter set): a known category, a valid grading rule, no
 * duplicate text.
 */
@Component
class PromptRules {

	private final PromptRepository prompts;

	private final JsonMapper json;

	private final List<String> categories;

	PromptRules(PromptRepository prompts, JsonMapper json, PromptProperties properties) {
		this.prompts = prompts;
		this.json = json;
		this.categories = properties.categories();
	}

	List<String> categories() {
		return this.categories;
	}

	void checkCategory(String category) {
		if (category == null || !this.categories.contains(category)) {
			throw new InvalidInputException("category", "must be one of " + this.categories);
		}
	}

	/** The rule as stored: validated by the grading module, normalized, as JSON. */
	String checkedGrader(Map<String, ?> grader) {
		try {
			String json = toJson(GradingRules.toMap(GradingRules.parse(grader)));
			if (json.contains("\\u0000")) { // jsonb cannot hold NUL
				throw new InvalidInputException("grader", "must not contain NUL characters");
			}
			return json;
		}
		catch (InvalidGradingRuleException ex) {
			throw new InvalidInputException("The grading rule is invalid: " + ex.fieldErrors(), ex.fieldErrors());
		}
	}

	/**
	 * The existing prompt is named only to whom may see it (public, their own, or a
	 * maintainer): otherwise the answer would reveal someone else's unpublished prompt.
	 */
	void rejectDuplicate(String text, Long self, AccountView actor) {
		this.prompts.findLiveByTextHash(PromptText.hash(text)).filter(p -> !p.id().equals(self)).ifPresent(p -> {
			boolean visible = p.published() || (actor != null
					&& (actor.role() != Role.MEMBER || Long.valueOf(actor.id()).equals(p.authorId())));
			throw new ConflictException("text", visible ? "The same prompt text already exists (prompt #" + p.id() + ")"
					: "The same prompt text already exists");
		});
	}

	GradingRule parse(String grader) {
		return GradingRules.parse(graderMap(grader));
	}

	/**
	 * A stored rule, or null when today's constraints refuse it (a pattern stored before
	 * RE2).
	 */
	GradingRule storedRule(String grader) {
		try {
			return parse(grader);
		}
		catch (InvalidGradingRuleException ex) {
			return null;
		}
	}

	Map<String, Object> graderMap(String grader) {
		return this.json.readValue(grader, new TypeReference<Map<String, Object>>() {
		});
	}

	String toJson(Map<String, Object> map) {
		return this.json.writeValueAsString(new LinkedHashMap<>(map));
	}

}
