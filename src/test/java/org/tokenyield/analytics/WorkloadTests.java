package org.tokenyield.analytics;

import org.junit.jupiter.api.Test;
import org.tokenyield.system.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkloadTests {

	@Test
	void aWorkloadIsReadFromTheQueryString() {
		Workload w = Workload.parse("math:0.5, code:0.5", "10000", "0.3");
		assertThat(w.mix()).containsExactly(java.util.Map.entry("math", 0.5), java.util.Map.entry("code", 0.5));
		assertThat(w.promptsPerMonth()).isEqualTo(10_000);
		assertThat(w.cacheHit()).isEqualTo(0.3);
		assertThat(w.mixText()).isEqualTo("math:0.5,code:0.5");
		// no cache_hit: none; thirds written to three places add up within 0.001
		assertThat(Workload.parse("a:0.333,b:0.333,c:0.334", "1", null).cacheHit()).isZero();
	}

	@Test
	void everyBadParameterIsNamed() {
		assertRefused(null, "10", null, "mix", "is required");
		assertRefused("math", "10", null, "mix", "category:weight");
		assertRefused("Math:1", "10", null, "mix", "category:weight");
		assertRefused("math:x", "10", null, "mix", "must be a number");
		assertRefused("math:0,code:1", "10", null, "mix", "above 0");
		assertRefused("math:0.5,math:0.5", "10", null, "mix", "twice");
		assertRefused("math:0.5,code:0.4", "10", null, "mix", "add up to 1, they add up to 0.9000");
		assertRefused("math:1", null, null, "prompts_per_month", "is required");
		assertRefused("math:1", "0", null, "prompts_per_month", "from 1 to");
		assertRefused("math:1", "1.5", null, "prompts_per_month", "whole number");
		assertRefused("math:1", "10", "1.2", "cache_hit", "from 0 to 1");
		assertRefused("math:1", "10", "lots", "cache_hit", "from 0 to 1");
	}

	private static void assertRefused(String mix, String volume, String cacheHit, String field, String message) {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class,
				() -> Workload.parse(mix, volume, cacheHit));
		assertThat(ex).as("%s %s %s", mix, volume, cacheHit).isNotNull();
		assertThat(ex.fieldErrors()).containsOnlyKeys(field);
		assertThat(ex.fieldErrors().get(field)).contains(message);
	}

}
