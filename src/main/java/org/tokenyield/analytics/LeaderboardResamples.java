package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongFunction;

import org.tokenyield.analytics.calc.Bootstrap;
import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.ConfigSums;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.DriftSums;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.GapSums;
import org.tokenyield.analytics.calc.GapSums.Measure;
import org.tokenyield.analytics.calc.PoissonWeights;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.ScalingCalculator;
import org.tokenyield.analytics.calc.ScalingFit;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.SettingHonourCalculator;
import org.tokenyield.analytics.calc.SweepSums;

/**
 * The Poisson-bootstrap sums of one filter's leaderboard rows (docs/methodology-notes.md
 * "The Poisson bootstrap"), kept up to date one (config, prompt) change at a time: each
 * config's summary, each drift pair, each version's sweep, each pair of the rank tiers
 * and each reasoning change of the badges (a setting against the previous one of its
 * sweep). A change costs O(B) per sums it touches, whatever the number of prompts; a
 * figure read from them equals the batch calculators' ({@link ConfigSummary#of},
 * {@code DriftCalculator}, {@code ScalingCalculator}, {@code AccuracyTiers},
 * {@code SettingHonourCalculator}) on the same means, with the seeds the leaderboard
 * gives them.
 * <p>
 * {@link #rebuild} keeps the means only; every sums (a config's summary, a drift pair, a
 * sweep, a gap) is built at its first read (O(n x B) once), so a rebuild costs what the
 * page reads (a leaderboard of default settings reads a third of the config summaries),
 * then kept up to date until the next rebuild. The rank tiers' gaps share one seed, so
 * {@link #tierGaps} builds the missing ones together, drawing each prompt's weights once.
 * A change list ({@link #apply(List)}) never costs more than building again what it
 * touches: sums that would take more changes than half the prompts they hold are dropped
 * instead, to be built at their next read.
 * <p>
 * Not thread-safe: the caller runs one rebuild, change or read at a time per filter.
 */
final class LeaderboardResamples {

	private final FigureFilter filter;

	private final LongFunction<String> modelKeys;

	private final Bootstrap bootstrap;

	private final ScalingCalculator scaling;

	private final Map<ConfigKey, ByPrompt<PromptMeans>> means = new HashMap<>();

	private final Map<ConfigKey, ConfigSums> summaries = new HashMap<>();

	private final Map<Pair, DriftSums> drifts = new HashMap<>();

	private final Map<Sweep, SweepSums> sweeps = new HashMap<>();

	private final Map<Gap, GapSums> gaps = new HashMap<>();

	/**
	 * @param filter the leaderboard's filter, part of every seed
	 * @param modelKeys a model version's key by its id, part of the seeds
	 */
	LeaderboardResamples(FigureFilter filter, LongFunction<String> modelKeys) {
		this(filter, modelKeys, Bootstrap.standard());
	}

	LeaderboardResamples(FigureFilter filter, LongFunction<String> modelKeys, Bootstrap bootstrap) {
		this.filter = filter;
		this.modelKeys = modelKeys;
		this.bootstrap = bootstrap;
		this.scaling = new ScalingCalculator(ScalingCalculator.DEFAULT_EPSILON, bootstrap);
	}

	private record Pair(ConfigKey first, ConfigKey second) {
	}

	private record Sweep(long modelId, List<String> settings) {
	}

	/** A paired gap of {@code measure} from {@code lower} to {@code upper}. */
	private record Gap(ConfigKey lower, ConfigKey upper, Measure measure) {
	}

	/**
	 * Forgets everything and keeps the means of a summary read (sums are built at their
	 * first read).
	 */
	void rebuild(Map<ConfigKey, List<PromptMeans>> all) {
		this.means.clear();
		this.summaries.clear();
		this.drifts.clear();
		this.sweeps.clear();
		this.gaps.clear();
		all.forEach((config, list) -> {
			ByPrompt<PromptMeans> own = new ByPrompt<>();
			list.forEach(m -> own.put(m.promptId(), m));
			if (!own.isEmpty()) {
				this.means.put(config, own);
			}
		});
	}

	/**
	 * A patched read's changes, in their order. A config whose changes outnumber half its
	 * prompts has its summary dropped, and so has a pair or sweep touched that often
	 * (each built again from the means at its next read): applying a change costs O(B)
	 * per sums, building O(prompts x B), so a long list (an import's) costs at most a
	 * rebuild of what it touches, and a short one (a run's) O(B).
	 * @throws IllegalStateException when a change's {@code before} is not what these sums
	 * hold (they are then out of step: rebuild)
	 */
	void apply(List<ConfigMeansQuery.MeansChange> changes) {
		Map<ConfigKey, Integer> touched = new HashMap<>();
		changes.forEach(c -> touched.merge(c.config(), 1, Integer::sum));
		List<ConfigKey> anew = new ArrayList<>();
		touched.forEach((config, n) -> {
			if (2L * n > meansOf(config).size()) {
				anew.add(config);
			}
		});
		// a pair over a config built anew would not see its moves: dropped with it
		this.drifts.keySet().removeIf(p -> costly(touched, anew, p.first(), p.second()));
		this.gaps.keySet().removeIf(g -> costly(touched, anew, g.lower(), g.upper()));
		this.sweeps.keySet()
			.removeIf(w -> costly(touched, anew,
					w.settings()
						.stream()
						.map(setting -> new ConfigKey(w.modelId(), setting))
						.toArray(ConfigKey[]::new)));
		for (ConfigKey config : anew) {
			this.summaries.remove(config);
		}
		for (ConfigMeansQuery.MeansChange change : changes) {
			// a config built anew moves its means only (no sums over it are kept)
			apply(change.config(), change.before(), change.after());
		}
	}

	/**
	 * Whether the sums over these configs are built anew: one of them is, or their
	 * changes outnumber half the prompts of the sums (those of the first).
	 */
	private boolean costly(Map<ConfigKey, Integer> touched, List<ConfigKey> anew, ConfigKey... configs) {
		long n = 0;
		for (ConfigKey config : configs) {
			if (anew.contains(config)) {
				return true;
			}
			n += touched.getOrDefault(config, 0);
		}
		return n > 0 && 2 * n > meansOf(configs[0]).size();
	}

	/**
	 * One (config, prompt) group changed: {@code before} null for a new group,
	 * {@code after} null for a removed one. {@code before} must be the means this object
	 * holds for the prompt (else the sums are out of step: rebuild).
	 */
	void apply(ConfigKey config, PromptMeans before, PromptMeans after) {
		if (before == null && after == null) {
			return;
		}
		if (before != null && after != null && before.promptId() != after.promptId()) {
			apply(config, before, null);
			apply(config, null, after);
			return;
		}
		long prompt = (before != null) ? before.promptId() : after.promptId();
		ByPrompt<PromptMeans> own = this.means.computeIfAbsent(config, c -> new ByPrompt<>());
		if (!Objects.equals(own.get(prompt), before)) {
			throw new IllegalStateException("the sums of " + config + " hold other means for prompt " + prompt);
		}
		// a summary not built yet is built from the means at its read
		ConfigSums summary = this.summaries.get(config);
		if (summary != null && before != null) {
			summary.remove(before);
		}
		contribute(config, prompt, -1);
		if (after == null) {
			own.remove(prompt);
		}
		else {
			own.put(prompt, after);
			if (summary != null) {
				summary.add(after);
			}
		}
		contribute(config, prompt, 1);
		if (own.isEmpty()) {
			this.means.remove(config);
			this.summaries.remove(config);
		}
	}

	/**
	 * Adds (1) or removes (-1) the prompt's part of every pair and sweep of the config.
	 */
	private void contribute(ConfigKey config, long prompt, int sign) {
		this.drifts.forEach((pair, sums) -> {
			if (pair.first().equals(config) || pair.second().equals(config)) {
				driftPart(sums, pair, prompt, sign);
			}
		});
		this.gaps.forEach((gap, sums) -> {
			if (gap.lower().equals(config) || gap.upper().equals(config)) {
				gapPart(sums, gap, prompt, sign);
			}
		});
		this.sweeps.forEach((sweep, sums) -> {
			if (sweep.modelId() == config.modelId() && sweep.settings().contains(config.setting())) {
				sweepPart(sums, sweep, prompt, sign);
			}
		});
	}

	/** The summary of a config (no prompts: an empty summary). */
	ConfigSummary summary(ConfigKey config) {
		ConfigSums sums = this.summaries.get(config);
		if (sums == null) {
			sums = newSummary(config);
			ByPrompt<PromptMeans> own = this.means.get(config);
			if (own == null) {
				return sums.summary();
			}
			own.forEach(sums::add);
			this.summaries.put(config, sums);
		}
		return sums.summary();
	}

	/** The drift from {@code older} to {@code newer}. */
	DriftEstimate drift(ConfigKey older, ConfigKey newer) {
		Pair pair = new Pair(older, newer);
		DriftSums sums = this.drifts.get(pair);
		if (sums == null) {
			sums = new DriftSums(Seeds.seedOf("drift", key(older), older.setting(), key(newer), newer.setting(),
					this.filter.seedText()), this.bootstrap);
			for (long prompt : meansOf(older).prompts()) {
				driftPart(sums, pair, prompt, 1);
			}
			this.drifts.put(pair, sums);
		}
		return sums.estimate();
	}

	/**
	 * The fit of a version's sweep over {@code settings} (in display order); its alpha
	 * and regime are the row's slope.
	 */
	ScalingFit sweep(long modelId, List<String> settings) {
		Sweep sweep = new Sweep(modelId, List.copyOf(settings));
		SweepSums sums = this.sweeps.get(sweep);
		if (sums == null) {
			sums = new SweepSums(sweep.settings(),
					Seeds.seedOf("scaling", this.modelKeys.apply(modelId), this.filter.anySetting().seedText()),
					this.bootstrap);
			if (!settings.isEmpty()) {
				for (long prompt : meansOf(new ConfigKey(modelId, settings.get(0))).prompts()) {
					sweepPart(sums, sweep, prompt, 1);
				}
			}
			this.sweeps.put(sweep, sums);
		}
		return this.scaling.fit(sums);
	}

	/** Two configs of the rank tiers, their gap taken as {@code A(upper) − A(lower)}. */
	record TierPair(ConfigKey lower, ConfigKey upper) {
	}

	/**
	 * The rank tiers' paired gap {@code A(upper) − A(lower)} over the prompts graded in
	 * both.
	 */
	Estimate tierGap(TierPair pair) {
		return gap(new Gap(pair.lower(), pair.upper(), Measure.SCORE), tierSeed()).gap();
	}

	/**
	 * Builds the gaps of these pairs not built yet together: all share the tiers' seed,
	 * so each prompt's weights are drawn once for every gap it is in (a leaderboard of k
	 * rows asks k(k-1)/2 of them).
	 */
	void tierGaps(List<TierPair> pairs) {
		build(pairs.stream().map(p -> new Gap(p.lower(), p.upper(), Measure.SCORE)).toList(), tierSeed());
	}

	private long tierSeed() {
		return Seeds.seedOf("rank", this.filter.seedText());
	}

	/**
	 * A badge's reasoning change of a version's setting {@code current} against the
	 * previous setting of its sweep, seeded as {@code /api/v1/scaling} seeds it
	 * ({@link SettingHonourService#sweepSeed}), so both agree.
	 */
	GapSums reasoningChange(long modelId, String previous, String current) {
		long seed = SettingHonourCalculator
			.changeSeed(SettingHonourService.sweepSeed(this.modelKeys.apply(modelId), this.filter), previous, current);
		return gap(new Gap(new ConfigKey(modelId, previous), new ConfigKey(modelId, current), Measure.REASONING), seed);
	}

	private GapSums gap(Gap gap, long seed) {
		build(List.of(gap), seed);
		return this.gaps.get(gap);
	}

	/**
	 * Builds those of these gaps (all drawn with {@code seed}) not built yet, in one pass
	 * over their prompts that draws each prompt's weights once.
	 */
	private void build(List<Gap> gaps, long seed) {
		List<Gap> missing = new ArrayList<>(new LinkedHashSet<>(gaps));
		missing.removeIf(this.gaps::containsKey);
		if (missing.isEmpty()) {
			return;
		}
		GapSums[] sums = new GapSums[missing.size()];
		SortedSet<Long> prompts = new TreeSet<>();
		for (int i = 0; i < sums.length; i++) {
			sums[i] = new GapSums(seed, this.bootstrap);
			for (long prompt : meansOf(missing.get(i).lower()).prompts()) {
				prompts.add(prompt);
			}
		}
		long[] weights = new long[this.bootstrap.resamples()];
		for (long prompt : prompts) {
			boolean drawn = false;
			for (int i = 0; i < sums.length; i++) {
				Gap gap = missing.get(i);
				double difference = GapSums.difference(gap.measure(), meansOf(gap.lower()).get(prompt),
						meansOf(gap.upper()).get(prompt));
				if (!Double.isNaN(difference)) {
					if (!drawn) {
						PoissonWeights.fill(seed, prompt, weights);
						drawn = true;
					}
					sums[i].add(weights, difference, 1);
				}
			}
		}
		for (int i = 0; i < sums.length; i++) {
			this.gaps.put(missing.get(i), sums[i]);
		}
	}

	private void driftPart(DriftSums sums, Pair pair, long prompt, int sign) {
		PromptMeans older = meansOf(pair.first()).get(prompt);
		PromptMeans newer = meansOf(pair.second()).get(prompt);
		if (older != null && newer != null) {
			if (sign > 0) {
				sums.add(older, newer);
			}
			else {
				sums.remove(older, newer);
			}
		}
	}

	private void gapPart(GapSums sums, Gap gap, long prompt, int sign) {
		double difference = GapSums.difference(gap.measure(), meansOf(gap.lower()).get(prompt),
				meansOf(gap.upper()).get(prompt));
		if (!Double.isNaN(difference)) {
			if (sign > 0) {
				sums.add(prompt, difference);
			}
			else {
				sums.remove(prompt, difference);
			}
		}
	}

	private void sweepPart(SweepSums sums, Sweep sweep, long prompt, int sign) {
		List<PromptMeans> row = new ArrayList<>(sweep.settings().size());
		for (String setting : sweep.settings()) {
			row.add(meansOf(new ConfigKey(sweep.modelId(), setting)).get(prompt));
		}
		PromptMeans[] array = row.toArray(PromptMeans[]::new);
		if (sign > 0) {
			sums.add(prompt, array);
		}
		else {
			sums.remove(prompt, array);
		}
	}

	private ByPrompt<PromptMeans> meansOf(ConfigKey config) {
		return this.means.getOrDefault(config, ByPrompt.empty());
	}

	private ConfigSums newSummary(ConfigKey config) {
		return new ConfigSums(Seeds.seedOf("leaderboard", key(config), config.setting(), this.filter.seedText()),
				this.bootstrap);
	}

	private String key(ConfigKey config) {
		return this.modelKeys.apply(config.modelId());
	}

}
