package org.tokenyield;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenyield.accounts.AccountProperties;
import org.tokenyield.alerts.AlertProperties;
import org.tokenyield.exports.ExportProperties;
import org.tokenyield.imports.ImportProperties;
import org.tokenyield.prompts.PromptProperties;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content modules' settings records: with nothing configured they carry the defaults
 * the documentation names (README, docs/security.md, docs/alerts.md, docs/exports.md),
 * shared prefixes bind each module's own keys, and out-of-range values stop the start.
 */
class ModulePropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PromptProperties.class, AccountProperties.class, ImportProperties.class,
			ExportProperties.class, AlertProperties.class })
	static class Settings {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsAreTheDocumentedOnes() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			PromptProperties prompts = context.getBean(PromptProperties.class);
			assertThat(prompts.starterPrompts()).isTrue();
			assertThat(prompts.categories()).containsExactly("math", "code", "factual", "reasoning", "prose",
					"multilingual");
			assertThat(prompts.limits()).isEqualTo(new PromptProperties.Limits(30, 60, 20, 60, 120));
			AccountProperties accounts = context.getBean(AccountProperties.class);
			assertThat(accounts.signIn().window()).isEqualTo(Duration.ofMinutes(15));
			assertThat(accounts.signIn().lockFor()).isEqualTo(Duration.ofMinutes(15));
			assertThat(accounts.signIn().knownClientFor()).isEqualTo(Duration.ofDays(30));
			assertThat(accounts.signIn().accountClient()).isEqualTo(new AccountProperties.AccountClientFailures(5, 10));
			assertThat(accounts.signIn().account()).isEqualTo(new AccountProperties.AccountFailures(30, 100));
			assertThat(accounts.signIn().client()).isEqualTo(new AccountProperties.ClientFailures(30, 100));
			assertThat(accounts.tokens().lifetime()).isEqualTo(Duration.ofDays(90));
			assertThat(accounts.admin().username()).isEqualTo("admin");
			assertThat(accounts.admin().password()).isEmpty();
			assertThat(accounts.limits().signUpsPerHour()).isEqualTo(10);
			assertThat(context.getBean(ImportProperties.class))
				.isEqualTo(new ImportProperties(10_000, 2, 1000, new ImportProperties.Shipped(true, "")));
			assertThat(context.getBean(ExportProperties.class)).isEqualTo(new ExportProperties(Duration.ofMinutes(2),
					Duration.ofHours(1), org.springframework.util.unit.DataSize.ofMegabytes(1)));
			AlertProperties alerts = context.getBean(AlertProperties.class);
			assertThat(alerts.watch()).isEqualTo(Duration.ofMinutes(5));
			assertThat(alerts.webhooks())
				.isEqualTo(new AlertProperties.Webhooks(Duration.ofSeconds(5), Duration.ofSeconds(30), 8, List.of()));
		});
	}

	@Test
	void theSharedPrefixesBindEachModulesOwnKeys() {
		this.runner
			.withPropertyValues("app.categories=math,code", "app.limits.submissions-per-hour=3",
					"app.limits.reports-per-hour=4", "app.limits.sign-ups-per-hour=5", "app.limits.max-body=2MB",
					"app.sign-in.client.lock-after=600", "app.admin.password=secret-one", "app.demo=false")
			.run(context -> {
				assertThat(context).hasNotFailed();
				PromptProperties prompts = context.getBean(PromptProperties.class);
				assertThat(prompts.categories()).isEqualTo(List.of("math", "code"));
				assertThat(prompts.limits()).isEqualTo(new PromptProperties.Limits(3, 60, 4, 60, 120));
				AccountProperties accounts = context.getBean(AccountProperties.class);
				assertThat(accounts.limits().signUpsPerHour()).isEqualTo(5);
				assertThat(accounts.signIn().client()).isEqualTo(new AccountProperties.ClientFailures(30, 600));
				assertThat(accounts.admin().password()).isEqualTo("secret-one");
				assertThat(accounts.admin().toString()).doesNotContain("secret-one");
			});
	}

	@Test
	void outOfRangeValuesStopTheStart() {
		for (String bad : List.of("app.imports.batch-size=0", "app.limits.submissions-per-hour=0",
				"app.sign-in.account.lock-after=0", "app.alerts.webhooks.max-attempts=0",
				"app.alerts.webhooks.allowed-networks=intranet", "app.categories=", "app.admin.username= ",
				"app.exports.chunk-size=0")) {
			this.runner.withPropertyValues(bad).run(context -> assertThat(context).as(bad).hasFailed());
		}
	}

}
