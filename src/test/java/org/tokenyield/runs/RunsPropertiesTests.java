package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs module's settings: one default each, the property names of docs/queue.md,
 * ranges checked at start-up.
 */
class RunsPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ RunsProperties.class, JudgeProperties.class, PlanConfirmation.class })
	static class Bound {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Bound.class);

	@Test
	void defaultsAreTheDocumentedOnes() {
		this.runner.run(context -> {
			RunsProperties runs = context.getBean(RunsProperties.class);
			assertThat(runs.worker().enabled()).isTrue();
			assertThat(runs.worker().concurrency()).isEqualTo(4);
			assertThat(runs.worker().lease()).isEqualTo(Duration.ofMinutes(2));
			assertThat(runs.worker().poll()).isEqualTo(Duration.ofMillis(500));
			assertThat(runs.worker().shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
			assertThat(runs.maxAttempts()).isEqualTo(5);
			assertThat(runs.maxOutputTokens()).isEqualTo(4096);
			assertThat(runs.backoffBase()).isEqualTo(Duration.ofSeconds(1));
			assertThat(runs.spendCapRecheck()).isEqualTo(Duration.ofSeconds(30));
			assertThat(runs.breaker().failureRatePercent()).isEqualTo(50f);
			assertThat(runs.breaker().window()).isEqualTo(10);
			assertThat(runs.breaker().minimumCalls()).isEqualTo(5);
			assertThat(runs.breaker().openFor()).isEqualTo(Duration.ofSeconds(30));
			assertThat(runs.breaker().probes()).isEqualTo(1);
			assertThat(runs.schedules().check()).isEqualTo(Duration.ofMinutes(10));
			JudgeProperties judge = context.getBean(JudgeProperties.class);
			assertThat(judge.configured()).as("no judge unless named").isFalse();
			assertThat(judge.maxOutputTokens()).isEqualTo(1024);
			assertThat(judge.lease()).isEqualTo(Duration.ofMinutes(5));
			PlanConfirmation confirmation = context.getBean(PlanConfirmation.class);
			assertThat(confirmation.required(5000, new BigDecimal("50"))).isFalse();
			assertThat(confirmation.required(5001, BigDecimal.ZERO)).isTrue();
			assertThat(confirmation.required(1, new BigDecimal("50.01"))).isTrue();
		});
	}

	@Test
	void thePropertyNamesStayTheSame() {
		this.runner
			.withPropertyValues("app.runs.worker.concurrency=8", "app.runs.spend-cap-recheck=PT0.2S",
					"app.runs.breaker.open-for=PT1.5S", "app.runs.breaker.failure-rate-percent=75",
					"app.grading.judge.model= fake/judge-1 ", "app.limits.plan-confirm-usd=5")
			.run(context -> {
				RunsProperties runs = context.getBean(RunsProperties.class);
				assertThat(runs.worker().concurrency()).isEqualTo(8);
				assertThat(runs.spendCapRecheck()).isEqualTo(Duration.ofMillis(200));
				assertThat(runs.breaker().openFor()).isEqualTo(Duration.ofMillis(1500));
				assertThat(runs.breaker().failureRatePercent()).isEqualTo(75f);
				assertThat(context.getBean(JudgeProperties.class).key()).isEqualTo("fake/judge-1");
				assertThat(context.getBean(PlanConfirmation.class).planConfirmUsd()).isEqualByComparingTo("5");
			});
	}

	@Test
	void valuesOutOfRangeStopTheStart() {
		for (String bad : new String[] { "app.runs.worker.concurrency=0", "app.runs.max-attempts=0",
				"app.runs.breaker.failure-rate-percent=120", "app.runs.backoff-base=PT0S",
				"app.grading.judge.max-output-tokens=0", "app.limits.plan-confirm-runs=-1" }) {
			this.runner.withPropertyValues(bad)
				.run(context -> assertThat(context).as(bad)
					.hasFailed()
					.getFailure()
					.rootCause()
					.isInstanceOf(BindValidationException.class)
					.hasMessageContaining(
							"Binding validation errors on " + bad.substring(0, bad.lastIndexOf('.', bad.indexOf('=')))
								.replace(".worker", "")
								.replace(".breaker", "")));
		}
	}

}
