package org.tokenyield.grading;

import java.util.List;

/**
 * The extracted answer must contain every term of {@code all} and at least one of
 * {@code any} (case-insensitive, NFKC-normalized). Scores 1 or 0: no partial credit, so
 * that "correct" means the same for every rule.
 *
 * @param all terms that must all appear; may be empty
 * @param any terms of which one must appear; may be empty (but not both)
 */
public record ContainsRule(List<String> all, List<String> any) implements GradingRule {

	public static final String TYPE = "contains";

	public ContainsRule {
		all = RuleConstraints.copy(all);
		any = RuleConstraints.copy(any);
		List<String> allTerms = all;
		List<String> anyTerms = any;
		RuleConstraints.requireValid(errors -> RuleConstraints.checkContains(allTerms, anyTerms, errors));
	}

	@Override
	public String type() {
		return TYPE;
	}

}
