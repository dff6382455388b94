package org.tokenyield.runs;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.stereotype.Component;

/**
 * Which runs the reader of this request sees, the one home of the rule for the run list
 * and its CSV, a run's API, page and bundle, and a prompt page's results: runs of
 * published prompts ({@code prompt_facts.published}: approved, or retired after approval)
 * for everyone, every run for maintainers and admins; simulated runs only in demo mode
 * ({@link SimulatedVisibility}), whoever reads.
 */
@Component
public class RunVisibility {

	private final SimulatedVisibility simulated;

	RunVisibility(SimulatedVisibility simulated) {
		this.simulated = simulated;
	}

	Reader current() {
		return new Reader(this.simulated.showsSimulated(), CurrentAccount.hasRole(Role.MAINTAINER));
	}

	/**
	 * What one reader may see.
	 *
	 * @param simulated runs of simulated versions
	 * @param unpublished runs of prompts not published (pending, rejected, retired while
	 * pending): a maintainer moderates and imports them
	 */
	public record Reader(boolean simulated, boolean unpublished) {

		/** The condition on {@code runs r}, to append to a where clause. */
		public String condition() {
			return (this.simulated ? "" : " and not r.simulated")
					+ (this.unpublished ? "" : " and r.prompt_id in (select id from prompt_facts where published)");
		}

	}

}
