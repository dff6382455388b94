package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.LeaderboardResamples.TierPair;
import org.tokenyield.analytics.calc.AccuracyTiers;
import org.tokenyield.analytics.calc.Bootstrap;
import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.DriftCalculator;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.ScalingCalculator;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.SettingHonourCalculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The incremental sums of a leaderboard read exactly what a rebuild from the final means
 * reads, and what the batch calculators give with the leaderboard's seeds, after random
 * writes, new prompts, retirements and merges in random order, one at a time or in change
 * lists of any length.
 */
class LeaderboardResamplesTests {

	private static final Bootstrap BOOTSTRAP = Bootstrap.withResamples(300);

	private static final FigureFilter FILTER = new FigureFilter("math", null, null, null);

	private static final ConfigKey OLD_OFF = new ConfigKey(1, "off");

	private static final ConfigKey NEW_OFF = new ConfigKey(2, "off");

	private static final ConfigKey NEW_THINKING = new ConfigKey(2, "thinking:1024");

	private static final ConfigKey NEW_HIGH = new ConfigKey(2, "effort:high");

	private static final List<ConfigKey> CONFIGS = List.of(OLD_OFF, NEW_OFF, NEW_THINKING, NEW_HIGH);

	private static final List<String> SWEEP = List.of("off", "thinking:1024", "effort:high");

	private static String modelKey(long id) {
		return "model-" + id;
	}

	@Test
	void incrementalSumsEqualARebuildAfterRandomChanges() {
		SplittableRandom random = new SplittableRandom(20);
		Map<ConfigKey, Map<Long, PromptMeans>> state = randomState(random, 10);
		LeaderboardResamples incremental = builtAndRead(state);
		for (int step = 0; step < 400; step++) {
			ConfigKey config = CONFIGS.get(random.nextInt(CONFIGS.size()));
			Map<Long, PromptMeans> groups = state.get(config);
			long prompt = 1 + random.nextInt(40);
			PromptMeans before = groups.get(prompt);
			int kind = random.nextInt(4);
			if (kind == 0 && before != null) {
				// retirement: the group leaves the figures
				groups.remove(prompt);
				incremental.apply(config, before, null);
			}
			else if (kind == 1 && before != null && groups.size() > 1) {
				// merge: the prompt's means combine into another prompt's group
				long into = groups.keySet().stream().filter(p -> p != prompt).findFirst().orElseThrow();
				PromptMeans target = groups.get(into);
				PromptMeans merged = new PromptMeans(into, "math", target.input(), before.generated(),
						target.reasoning(), before.score(), target.runs() + before.runs(),
						target.correct() + before.correct(), target.cost() + before.cost());
				groups.remove(prompt);
				groups.put(into, merged);
				incremental.apply(config, before, null);
				incremental.apply(config, target, merged);
			}
			else {
				// a new sample of a known prompt, or a new prompt
				PromptMeans after = means(prompt, random);
				groups.put(prompt, after);
				incremental.apply(config, before, after);
			}
			if (step % 100 == 0) {
				assertSameFigures(incremental, state);
			}
		}
		assertSameFigures(incremental, state);
	}

	/**
	 * The same groups arriving in another order (one at a time, shuffled, some written
	 * twice) read the same figures to the last bit.
	 */
	@Test
	void theSameMeansInAnyOrderReadTheSame() {
		SplittableRandom random = new SplittableRandom(7);
		List<Object[]> arrivals = new ArrayList<>();
		Map<ConfigKey, Map<Long, PromptMeans>> state = new HashMap<>();
		for (ConfigKey config : CONFIGS) {
			Map<Long, PromptMeans> groups = new TreeMap<>();
			for (long p = 1; p <= 25; p++) {
				PromptMeans m = means(p, random);
				groups.put(p, m);
				arrivals.add(new Object[] { config, m });
			}
			state.put(config, groups);
		}
		Collections.shuffle(arrivals, new Random(3));
		LeaderboardResamples oneByOne = new LeaderboardResamples(FILTER, LeaderboardResamplesTests::modelKey,
				BOOTSTRAP);
		oneByOne.rebuild(Map.of());
		readAll(oneByOne);
		for (Object[] arrival : arrivals) {
			ConfigKey config = (ConfigKey) arrival[0];
			PromptMeans m = (PromptMeans) arrival[1];
			// an earlier value of the group first, then the real one
			PromptMeans earlier = new PromptMeans(m.promptId(), "math", 1.0, 2.0, null, 0.0, 1, 0, 0.5);
			oneByOne.apply(config, null, earlier);
			oneByOne.apply(config, earlier, m);
		}
		Map<ConfigKey, List<PromptMeans>> reversed = new LinkedHashMap<>();
		List<ConfigKey> configs = new ArrayList<>(CONFIGS);
		Collections.reverse(configs);
		for (ConfigKey config : configs) {
			List<PromptMeans> list = new ArrayList<>(state.get(config).values());
			Collections.reverse(list);
			reversed.put(config, list);
		}
		LeaderboardResamples rebuilt = new LeaderboardResamples(FILTER, LeaderboardResamplesTests::modelKey, BOOTSTRAP);
		rebuilt.rebuild(reversed);
		assertThat(readAll(oneByOne)).isEqualTo(readAll(rebuilt));
	}

	/**
	 * Change lists of any length (a run's one change, an import's many), applied as a
	 * patched read applies them: long ones build the sums they touch anew instead of
	 * moving them, and every figure still reads what a rebuild reads.
	 */
	@Test
	void changeListsOfAnyLengthEqualARebuild() {
		SplittableRandom random = new SplittableRandom(31);
		Map<ConfigKey, Map<Long, PromptMeans>> state = randomState(random, 0);
		LeaderboardResamples incremental = builtAndRead(state);
		for (int length : List.of(1, 3, 70, 2, 40, 1, 120, 5)) {
			List<ConfigMeansQuery.MeansChange> changes = new ArrayList<>();
			for (int i = 0; i < length; i++) {
				ConfigKey config = CONFIGS.get(random.nextInt(CONFIGS.size()));
				Map<Long, PromptMeans> groups = state.get(config);
				long prompt = 1 + random.nextInt(45);
				PromptMeans before = groups.get(prompt);
				PromptMeans after = (random.nextInt(5) == 0) ? null : means(prompt, random);
				if (after == null) {
					groups.remove(prompt);
				}
				else {
					groups.put(prompt, after);
				}
				changes.add(new ConfigMeansQuery.MeansChange(config, before, after));
			}
			incremental.apply(changes);
			assertSameFigures(incremental, state);
		}
	}

	/**
	 * An update that fails part way (here a change list out of step with the sums, after
	 * some of it was applied) leaves nothing behind: the next read rebuilds, and the sums
	 * equal a rebuild from the read's means.
	 */
	@Test
	void anUpdateThatFailsPartWayIsRepairedByARebuild() {
		LeaderboardIntervals intervals = new LeaderboardIntervals(LeaderboardResamplesTests::modelKey,
				Bootstrap.withResamples(300));
		SplittableRandom random = new SplittableRandom(5);
		List<PromptMeans> first = new ArrayList<>();
		for (long p = 1; p <= 20; p++) {
			first.add(means(p, random));
		}
		intervals.read(FILTER, () -> summary(Map.of(OLD_OFF, first), 1, null), (s, sums) -> null);
		// the read patching read 1: prompt 1 moves, then prompt 2 from means the sums
		// never held
		PromptMeans moved = means(1, random);
		PromptMeans strange = means(2, random);
		List<PromptMeans> second = new ArrayList<>(first);
		second.set(0, moved);
		second.set(1, means(2, random));
		long rebuilds = intervals.rebuilds();
		ConfigSummary read = intervals.read(FILTER,
				() -> summary(Map.of(OLD_OFF, second), 1,
						List.of(new ConfigMeansQuery.MeansChange(OLD_OFF, first.get(0), moved),
								new ConfigMeansQuery.MeansChange(OLD_OFF, strange, second.get(1)))),
				(s, sums) -> sums.summary(OLD_OFF));

		assertThat(intervals.rebuilds()).isEqualTo(rebuilds + 1);
		LeaderboardResamples rebuilt = new LeaderboardResamples(FILTER, LeaderboardResamplesTests::modelKey, BOOTSTRAP);
		rebuilt.rebuild(Map.of(OLD_OFF, second));
		assertThat(read).isEqualTo(rebuilt.summary(OLD_OFF));
	}

	/**
	 * A summary read of these means: read {@code patched + 1}, in full when
	 * {@code changes} is null.
	 */
	private static ConfigMeansQuery.Summary summary(Map<ConfigKey, List<PromptMeans>> means, long patched,
			List<ConfigMeansQuery.MeansChange> changes) {
		ConfigMeansQuery.Changes list = (changes == null) ? new ConfigMeansQuery.Changes(patched)
				: new ConfigMeansQuery.Changes(patched + 1, patched, changes);
		return new ConfigMeansQuery.Summary(Map.of(), list, () -> means);
	}

	@Test
	void aChangeFromMeansItDoesNotHoldIsRefused() {
		LeaderboardResamples sums = new LeaderboardResamples(FILTER, LeaderboardResamplesTests::modelKey, BOOTSTRAP);
		PromptMeans m = new PromptMeans(1, "math", 1.0, 2.0, null, 1.0, 1, 1, 0.1);
		sums.rebuild(Map.of(OLD_OFF, List.of(m)));
		PromptMeans other = new PromptMeans(1, "math", 1.0, 3.0, null, 1.0, 1, 1, 0.1);
		assertThatIllegalStateException().isThrownBy(() -> sums.apply(OLD_OFF, other, m));
	}

	/**
	 * Prompts 1..30 on every config, one in {@code missingOneIn} left out at random (0:
	 * none).
	 */
	private static Map<ConfigKey, Map<Long, PromptMeans>> randomState(SplittableRandom random, int missingOneIn) {
		Map<ConfigKey, Map<Long, PromptMeans>> state = new HashMap<>();
		for (ConfigKey config : CONFIGS) {
			Map<Long, PromptMeans> groups = new TreeMap<>();
			for (long p = 1; p <= 30; p++) {
				if (missingOneIn == 0 || random.nextInt(missingOneIn) != 0) {
					groups.put(p, means(p, random));
				}
			}
			state.put(config, groups);
		}
		return state;
	}

	/**
	 * Sums built from the state, every figure read once (so drift pairs, the sweep, tier
	 * pairs and reasoning changes are kept too).
	 */
	private static LeaderboardResamples builtAndRead(Map<ConfigKey, Map<Long, PromptMeans>> state) {
		LeaderboardResamples sums = new LeaderboardResamples(FILTER, LeaderboardResamplesTests::modelKey, BOOTSTRAP);
		sums.rebuild(lists(state));
		readAll(sums);
		return sums;
	}

	private static void assertSameFigures(LeaderboardResamples incremental,
			Map<ConfigKey, Map<Long, PromptMeans>> state) {
		LeaderboardResamples rebuilt = new LeaderboardResamples(FILTER, LeaderboardResamplesTests::modelKey, BOOTSTRAP);
		rebuilt.rebuild(lists(state));
		List<Object> figures = readAll(incremental);
		// real intervals, not undefined ones equal by being empty
		assertThat(incremental.summary(NEW_OFF).accuracy().hasInterval()).isTrue();
		assertThat(incremental.drift(OLD_OFF, NEW_OFF).generated().hasInterval()).isTrue();
		assertThat(incremental.sweep(2, SWEEP).prompts()).isPositive();
		assertThat(figures).isEqualTo(readAll(rebuilt));
		assertThat(figures).isEqualTo(batch(state));
	}

	/** Every figure the leaderboard reads, in a fixed order. */
	private static List<Object> readAll(LeaderboardResamples sums) {
		List<Object> out = new ArrayList<>();
		for (ConfigKey config : CONFIGS) {
			out.add(sums.summary(config));
		}
		out.add(sums.drift(OLD_OFF, NEW_OFF));
		out.add(sums.drift(OLD_OFF, NEW_THINKING));
		out.add(sums.sweep(2, SWEEP));
		out.add(new SettingHonourCalculator(BOOTSTRAP).sweep(SWEEP, Map.of(),
				(previous, current) -> sums.reasoningChange(2, previous, current)));
		List<TierPair> pairs = new ArrayList<>();
		for (int i = 0; i < CONFIGS.size(); i++) {
			for (int j = i + 1; j < CONFIGS.size(); j++) {
				pairs.add(new TierPair(CONFIGS.get(i), CONFIGS.get(j)));
			}
		}
		// half the gaps built together (one draw of a prompt's weights for all), the
		// other half one by one at their read: both must equal AccuracyTiers
		List<TierPair> together = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i += 2) {
			together.add(pairs.get(i));
		}
		sums.tierGaps(together);
		for (TierPair pair : pairs) {
			out.add(sums.tierGap(pair));
		}
		return out;
	}

	/**
	 * The same figures from the batch calculators, seeded as the leaderboard seeds them.
	 */
	private static List<Object> batch(Map<ConfigKey, Map<Long, PromptMeans>> state) {
		Map<ConfigKey, List<PromptMeans>> lists = lists(state);
		List<Object> out = new ArrayList<>();
		for (ConfigKey config : CONFIGS) {
			out.add(ConfigSummary.of(lists.getOrDefault(config, List.of()),
					Seeds.seedOf("leaderboard", modelKey(config.modelId()), config.setting(), FILTER.seedText()),
					BOOTSTRAP));
		}
		DriftCalculator drift = new DriftCalculator(BOOTSTRAP);
		for (ConfigKey newer : List.of(NEW_OFF, NEW_THINKING)) {
			out.add(drift.compare(lists.getOrDefault(OLD_OFF, List.of()), lists.getOrDefault(newer, List.of()),
					Seeds.seedOf("drift", modelKey(1), "off", modelKey(2), newer.setting(), FILTER.seedText())));
		}
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		for (String setting : SWEEP) {
			sweep.put(setting, lists.getOrDefault(new ConfigKey(2, setting), List.of()));
		}
		out.add(new ScalingCalculator(ScalingCalculator.DEFAULT_EPSILON, BOOTSTRAP).fit(sweep,
				Seeds.seedOf("scaling", modelKey(2), FILTER.anySetting().seedText())));
		out.add(new SettingHonourCalculator(BOOTSTRAP).sweep(sweep, Map.of(),
				SettingHonourService.sweepSeed(modelKey(2), FILTER)));
		AccuracyTiers tiers = new AccuracyTiers(BOOTSTRAP);
		for (int i = 0; i < CONFIGS.size(); i++) {
			for (int j = i + 1; j < CONFIGS.size(); j++) {
				out.add(tiers.gap(lists.getOrDefault(CONFIGS.get(i), List.of()),
						lists.getOrDefault(CONFIGS.get(j), List.of()), Seeds.seedOf("rank", FILTER.seedText())));
			}
		}
		return out;
	}

	private static Map<ConfigKey, List<PromptMeans>> lists(Map<ConfigKey, Map<Long, PromptMeans>> state) {
		Map<ConfigKey, List<PromptMeans>> out = new HashMap<>();
		state.forEach((config, groups) -> {
			if (!groups.isEmpty()) {
				out.put(config, new ArrayList<>(groups.values()));
			}
		});
		return out;
	}

	/**
	 * Random means: a score in quarters or ungraded, tokens that may be unknown or 0
	 * (left out of a log ratio), reasoning often unreported.
	 */
	private static PromptMeans means(long prompt, SplittableRandom random) {
		int runs = 1 + random.nextInt(4);
		int correct = random.nextInt(runs + 1);
		Double score = (random.nextInt(8) == 0) ? null : correct / (double) runs;
		Double generated = switch (random.nextInt(10)) {
			case 0 -> null;
			case 1 -> 0.0;
			default -> 50 + random.nextDouble() * 2000;
		};
		Double reasoning = random.nextBoolean() ? null : random.nextDouble() * 500;
		return new PromptMeans(prompt, "math", 20 + random.nextDouble() * 300, generated, reasoning, score, runs,
				correct, random.nextDouble() * 0.01);
	}

}
