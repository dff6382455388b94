package org.tokenyield.analytics.freshness;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One client's new figure computations are limited; other clients are not.
 */
class ComputeBudgetTests {

	@Test
	void aClientOverItsBurstGets429WithRetryAfterAndOthersStillCompute() {
		ComputeBudget budget = new ComputeBudget(3, 6);
		for (int i = 0; i < 3; i++) {
			budget.charge("10.0.0.1");
		}
		assertThatThrownBy(() -> budget.charge("10.0.0.1")).isInstanceOfSatisfying(FigureBusyException.class,
				ex -> assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10)));
		budget.charge("10.0.0.2");
	}

}
