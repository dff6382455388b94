package org.tokenyield.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app.first-page.wait}: 90 s unless set, 0 turns the wait off, a negative wait is
 * refused.
 */
class FirstPagePropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FirstPageProperties.class)
	static class Bound {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

	@Test
	void waitsNinetySecondsUnlessTold() {
		this.runner.run(context -> assertThat(context.getBean(FirstPageProperties.class).maxWait())
			.isEqualTo(Duration.ofSeconds(90)));
		this.runner.withPropertyValues("app.first-page.wait=PT0S")
			.run(context -> assertThat(context.getBean(FirstPageProperties.class).maxWait()).isZero());
		this.runner.withPropertyValues("app.first-page.wait=15s")
			.run(context -> assertThat(context.getBean(FirstPageProperties.class).maxWait())
				.isEqualTo(Duration.ofSeconds(15)));
	}

	@Test
	void aNegativeWaitStopsTheStart() {
		this.runner.withPropertyValues("app.first-page.wait=-5s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("app.first-page")
				.hasMessageContaining("maxWait"));
	}

}
