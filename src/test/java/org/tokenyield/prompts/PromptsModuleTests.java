package org.tokenyield.prompts;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.accounts.AccountService;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.SignUp;
import org.tokenyield.prompts.PromptEvents.GradingRuleChanged;
import org.tokenyield.prompts.PromptEvents.PromptApproved;
import org.tokenyield.support.SomeModulesOnly;
import org.tokenyield.system.ConflictException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prompts module with only the modules it depends on (accounts, grading, system) on
 * the shared embedded PostgreSQL: no runs module is there to listen, so what moderation
 * tells other features is seen as published events, and authors and reporters are named
 * through the accounts module's API.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@SomeModulesOnly
class PromptsModuleTests {

	@Autowired
	PromptService prompts;

	@Autowired
	PromptModeration moderation;

	@Autowired
	PromptReports reports;

	@Autowired
	AccountService accounts;

	private AccountView member() {
		String name = "pm-" + UUID.randomUUID().toString().substring(0, 8);
		return this.accounts.signUp(new SignUp(name, name + "@example.org", "correct-horse-1"));
	}

	private AccountView admin() {
		return this.accounts.find("admin").orElseThrow();
	}

	private PromptView submit(AccountView author) {
		String text = "How many legs has a spider? " + UUID.randomUUID() + "\nAnswer: <number>";
		return this.prompts.submit(
				new PromptDraft("Spider legs", text, "factual", Map.of("type", "numeric", "expected", "8")), author);
	}

	@Test
	void approvingAPromptAnnouncesItAndNamesItsAuthor(AssertablePublishedEvents events) {
		AccountView author = member();
		PromptView submitted = submit(author);
		assertThat(submitted.status()).isEqualTo(PromptStatus.PENDING);
		assertThat(submitted.author()).as("named through the accounts API").isEqualTo(author.username());

		PromptView approved = this.moderation.approve(submitted.id(), admin());

		assertThat(approved.status()).isEqualTo(PromptStatus.APPROVED);
		assertThat(events).contains(PromptApproved.class).matching(PromptApproved::promptId, submitted.id());
		assertThat(this.prompts.approvedIds()).contains(submitted.id());
	}

	@Test
	void aChangedGradingRuleAsksForARegradeAndAnUnchangedOneDoesNot(AssertablePublishedEvents events) {
		PromptView prompt = submit(member());
		this.moderation.moderate(prompt.id(), "factual", "easy", Map.of("type", "numeric", "expected", "8"), admin());
		assertThat(events.ofType(GradingRuleChanged.class)).as("same rule, other difficulty").isEmpty();

		this.moderation.moderate(prompt.id(), null, null, Map.of("type", "exact", "expected", "eight"), admin());
		assertThat(events).contains(GradingRuleChanged.class).matching(GradingRuleChanged::promptId, prompt.id());
	}

	@Test
	void aSecondSubmissionOfTheSameTextIsRefused() {
		AccountView author = member();
		PromptView first = submit(author);
		PromptDraft again = new PromptDraft("Again", "  " + first.text().toUpperCase() + " ", "factual",
				Map.of("type", "numeric", "expected", "8"));
		assertThatThrownBy(() -> this.prompts.submit(again, author)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("#" + first.id());
	}

	@Test
	void openReportsNameTheirReporters() {
		PromptView prompt = submit(member());
		this.moderation.approve(prompt.id(), admin());
		AccountView reporter = member();
		this.reports.report(prompt.id(), "The answer is ambiguous", reporter);

		assertThat(this.reports.openReports()).filteredOn(r -> r.promptId() == prompt.id())
			.singleElement()
			.satisfies(r -> {
				assertThat(r.reporter()).isEqualTo(reporter.username());
				assertThat(r.promptTitle()).isEqualTo("Spider legs");
				assertThat(r.reason()).isEqualTo("The answer is ambiguous");
			});
		assertThatThrownBy(() -> this.reports.report(prompt.id(), "Again", reporter))
			.isInstanceOf(ConflictException.class);
	}

}
