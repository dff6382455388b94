package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.calc.PromptMeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A config's groups by prompt hold what a sorted map would, after any puts and removals.
 */
class ByPromptTests {

	@Test
	void randomPutsAndRemovalsHoldWhatASortedMapHolds() {
		Random random = new Random(20261206);
		ByPrompt<PromptMeans> means = new ByPrompt<>();
		TreeMap<Long, PromptMeans> oracle = new TreeMap<>();
		for (int step = 0; step < 20_000; step++) {
			// mostly new prompts at the end (as they arrive), some among the others
			long prompt = random.nextInt(10) < 6 ? 1_000 + step : random.nextInt(1_000 + step);
			if (random.nextInt(4) == 0) {
				assertThat(means.remove(prompt)).isEqualTo(oracle.remove(prompt));
			}
			else {
				PromptMeans m = new PromptMeans(prompt, "math", 10.0 + step, null, random.nextBoolean() ? 3.0 : null,
						0.5, 2, 1, 0.01);
				assertThat(means.put(prompt, m)).isEqualTo(oracle.put(prompt, m));
			}
			assertThat(means.size()).isEqualTo(oracle.size());
			assertThat(means.get(prompt)).isEqualTo(oracle.get(prompt));
		}
		assertThat(means.prompts()).containsExactly(oracle.keySet().stream().mapToLong(Long::longValue).toArray());
		List<PromptMeans> walked = new ArrayList<>();
		means.forEach(walked::add);
		assertThat(walked).containsExactlyElementsOf(oracle.values());
		assertThat(means.get(-1)).isNull();
	}

	@Test
	void theEmptyGroupsAreNeverChanged() {
		assertThatThrownBy(
				() -> ByPrompt.<PromptMeans>empty().put(1, new PromptMeans(1, null, 1.0, 1.0, null, null, 1, 0, 0)))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(ByPrompt.empty().isEmpty()).isTrue();
	}

}
