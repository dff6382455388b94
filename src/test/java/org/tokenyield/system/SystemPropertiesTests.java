package org.tokenyield.system;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app.demo} and {@code app.limits.max-body / max-import}, bound once with their
 * defaults; the {@code app.limits} prefix also carries other modules' keys, which this
 * record leaves alone.
 */
class SystemPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SystemProperties.class)
	static class Bound {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

	@Test
	void defaultsAreOneMegabyteBodiesFourGigabyteImportsAndNoDemo() {
		this.runner.run(context -> {
			SystemProperties properties = context.getBean(SystemProperties.class);
			assertThat(properties.demo()).isFalse();
			assertThat(properties.limits().maxBody()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.limits().maxImport()).isEqualTo(DataSize.ofGigabytes(4));
			assertThat(new SimulatedVisibility(properties).showsSimulated()).isFalse();
			assertThat(new SimulatedVisibility(properties).isPublic(true)).isFalse();
			assertThat(new SimulatedVisibility(properties).isPublic(false)).isTrue();
		});
	}

	@Test
	void takesItsOwnKeysUnderASharedPrefix() {
		this.runner
			.withPropertyValues("app.demo=true", "app.limits.max-body=64KB", "app.limits.sign-ups-per-hour=7",
					"app.limits.submissions-per-client-hour=9", "app.limits.plan-confirm-usd=12.5")
			.run(context -> {
				assertThat(context).hasNotFailed();
				SystemProperties properties = context.getBean(SystemProperties.class);
				assertThat(properties.demo()).isTrue();
				assertThat(properties.limits().maxBody()).isEqualTo(DataSize.ofKilobytes(64));
				assertThat(properties.limits().maxImport()).isEqualTo(DataSize.ofGigabytes(4));
				assertThat(new SimulatedVisibility(properties).isPublic(true)).isTrue();
			});
	}

	@Test
	void aBodyLimitOfNothingStopsTheStartNamingTheProperty() {
		this.runner.withPropertyValues("app.limits.max-body=0B")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("app.limits")
				.hasMessageContaining("max-body must be positive"));
		this.runner.withPropertyValues("app.limits.max-import=0B")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("max-import must be positive"));
	}

}
