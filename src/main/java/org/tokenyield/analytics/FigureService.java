package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.tokenyield.analytics.calc.AccuracyWithoutTruncated;
import org.tokenyield.analytics.calc.AdaptiveAllocation;
import org.tokenyield.analytics.calc.AdaptivePlan;
import org.tokenyield.analytics.calc.AdaptiveRow;
import org.tokenyield.analytics.calc.Band;
import org.tokenyield.analytics.calc.DifficultyTracking;
import org.tokenyield.analytics.calc.DifficultyTrackingCalculator;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.OverthinkingTax;
import org.tokenyield.analytics.calc.OverthinkingTaxCalculator;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.ScalingCalculator;
import org.tokenyield.analytics.calc.ScalingFit;
import org.tokenyield.analytics.calc.ScalingPoint;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.calc.TiedSetting;
import org.tokenyield.analytics.calc.TiedSettingCalculator;
import org.tokenyield.catalog.ModelVersion;

import org.springframework.stereotype.Service;

/**
 * The sweep figures of a model version (METRICS.md sections 3 and 7: scaling, adaptive
 * allocation) over every setting it has results for, and the paired prompts of two
 * configs (the compare page), all from the summary's per-prompt means; the figures of one
 * config are {@link ConfigFigureService}'s. Results are cached per summary refresh.
 */
@Service
public class FigureService {

	private final LeaderboardService leaderboard;

	private final ConfigMeansQuery means;

	private final FigureCache cache;

	private final SettingHonourService honour;

	private final FinishCountsQuery finish;

	private final ScalingCalculator scaling = new ScalingCalculator();

	private final TiedSettingCalculator tied = new TiedSettingCalculator();

	private final OverthinkingTaxCalculator overthinking = new OverthinkingTaxCalculator();

	private final DifficultyTrackingCalculator tracking = new DifficultyTrackingCalculator();

	FigureService(LeaderboardService leaderboard, ConfigMeansQuery means, FigureCache cache,
			SettingHonourService honour, FinishCountsQuery finish) {
		this.finish = finish;
		this.leaderboard = leaderboard;
		this.means = means;
		this.cache = cache;
		this.honour = honour;
	}

	// ---------------------------------------------------------------- scaling (section
	// 3)

	/**
	 * One fit: API.md's {prompts, points, alpha, beta, regime, sweet_spot,
	 * efficient_setting, peaked}.
	 */
	public record ScalingFigure(int prompts, List<ScalingPoint> points, Estimate alpha, Estimate beta, String regime,
			String sweetSpot, String efficientSetting, boolean peaked, Double intercept) {

		static ScalingFigure of(ScalingFit fit) {
			return new ScalingFigure(fit.prompts(), fit.points(), fit.alpha(), fit.beta(), fit.regime().name(),
					fit.sweetSpot(), fit.efficientSetting(), fit.peaked(), intercept(fit));
		}

		/**
		 * c of ln A = α ln T + c through the mean of the points (the OLS line passes
		 * through it).
		 */
		private static Double intercept(ScalingFit fit) {
			if (fit.alpha().value() == null || fit.points().isEmpty()) {
				return null;
			}
			double x = 0;
			double y = 0;
			for (ScalingPoint p : fit.points()) {
				if (!(p.tokens() > 0 && p.accuracy() > 0)) {
					return null;
				}
				x += Math.log(p.tokens());
				y += Math.log(p.accuracy());
			}
			int k = fit.points().size();
			return y / k - fit.alpha().value() * x / k;
		}

	}

	/**
	 * The sweep of a model, overall and per category and difficulty band, and whether
	 * each of its settings was honoured (in sweep order, over every setting with
	 * results).
	 *
	 * @param cheapestTiedSetting the cheapest setting tied on accuracy with the most
	 * accurate one, null with fewer than two settings
	 * @param overthinkingTax the share of each higher setting's extra tokens spent on
	 * prompts the lowest setting already solved, null with fewer than two settings
	 * @param difficultyTracking per setting, the rank correlation of tokens and
	 * difficulty
	 */
	public record ScalingReport(String model, boolean simulated, String defaultSetting, ScalingFigure overall,
			Map<String, ScalingFigure> byCategory, Map<String, ScalingFigure> byBand, List<SettingHonour> honour,
			Map<String, Double> accuracyWithoutTruncated, TiedSetting cheapestTiedSetting,
			OverthinkingTax overthinkingTax, List<DifficultyTracking> difficultyTracking) {

		/** A report without the sweep's cost figures. */
		public ScalingReport(String model, boolean simulated, String defaultSetting, ScalingFigure overall,
				Map<String, ScalingFigure> byCategory, Map<String, ScalingFigure> byBand, List<SettingHonour> honour) {
			this(model, simulated, defaultSetting, overall, byCategory, byBand, honour, Map.of(), null, null,
					List.of());
		}

		/**
		 * A point's accuracy over the same paired prompts without the runs cut at the
		 * output cap; null when none is left.
		 */
		public Double accuracyWithoutTruncatedOf(String setting) {
			return this.accuracyWithoutTruncated.get(setting);
		}

		/** The overthinking tax of a setting, null for the baseline and lower ones. */
		public OverthinkingTax.Setting taxOf(String setting) {
			return this.overthinkingTax == null ? null
					: this.overthinkingTax.settings()
						.stream()
						.filter(t -> t.setting().equals(setting))
						.findFirst()
						.orElse(null);
		}

		/** The honour row of a setting, null when the sweep has no results at it. */
		public SettingHonour honourOf(String setting) {
			return this.honour.stream().filter(h -> h.setting().equals(setting)).findFirst().orElse(null);
		}

	}

	public ScalingReport scaling(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		return this.cache.get(() -> computeScaling(model, filter), "scaling", model, filter.anySetting());
	}

	private ScalingReport computeScaling(ModelVersion model, FigureFilter filter) {
		Map<String, List<PromptMeans>> sweep = sweep(model, filter);
		long seed = Seeds.seedOf("scaling", model.key(), filter.anySetting().seedText());
		ScalingFigure overall = ScalingFigure.of(this.scaling.fit(sweep, seed));
		Map<String, ScalingFigure> byCategory = new LinkedHashMap<>();
		this.scaling.fitByCategory(sweep, seed).forEach((k, v) -> byCategory.put(k, ScalingFigure.of(v)));
		Map<String, ScalingFigure> byBand = new LinkedHashMap<>();
		ConfigMeansQuery.Difficulty difficulty = this.means.difficulty();
		this.scaling.fitByBand(sweep, bands(model, sweep, difficulty), seed)
			.forEach((k, v) -> byBand.put(k, ScalingFigure.of(v)));
		Map<Long, Double> hardness = new HashMap<>();
		sweep.values().forEach(list -> list.forEach(m -> {
			Double h = difficulty.hardness(model.id(), m.promptId());
			if (h != null) {
				hardness.put(m.promptId(), h);
			}
		}));
		return new ScalingReport(model.key(), model.simulated(), model.defaultSetting(), overall, byCategory, byBand,
				List.copyOf(this.honour.sweep(model, filter, sweep)), withoutTruncated(model, filter, sweep),
				this.tied.cheapest(sweep, seed), this.overthinking.of(sweep, Seeds.derive(seed, "overthinking_tax")),
				this.tracking.of(sweep, hardness, Seeds.derive(seed, "difficulty_tracking")));
	}

	/**
	 * Each point's accuracy without truncated runs, over the sweep's paired prompts.
	 * HashMap: null values (nothing left) are kept.
	 */
	private Map<String, Double> withoutTruncated(ModelVersion model, FigureFilter filter,
			Map<String, List<PromptMeans>> sweep) {
		List<ConfigKey> configs = sweep.keySet().stream().map(s -> new ConfigKey(model.id(), s)).toList();
		Map<ConfigKey, List<AccuracyWithoutTruncated.PromptScores>> scores = this.finish
			.tallies(filter.anySetting(), configs)
			.scores();
		Set<Long> paired = AccuracyWithoutTruncated.sweepPrompts(sweep);
		Map<String, Double> out = new HashMap<>();
		for (ConfigKey c : configs) {
			out.put(c.setting(), AccuracyWithoutTruncated.of(scores.getOrDefault(c, List.of()), paired));
		}
		return Collections.unmodifiableMap(out);
	}

	// ---------------------------------------------------------------- adaptive (section
	// 7)

	public record AdaptiveFigureRow(String uniformSetting, double uniformTokens, double uniformAccuracy,
			double accuracyAtSameSpend, Map<String, String> assignmentAtSameSpend, double tokensToMatch,
			Map<String, String> assignmentToMatch) {
	}

	public record AdaptiveReport(String model, boolean simulated, int prompts, Map<String, Integer> bandSizes,
			List<AdaptiveFigureRow> rows) {
	}

	public AdaptiveReport adaptive(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		return this.cache.get(() -> {
			Map<String, List<PromptMeans>> sweep = sweep(model, filter);
			AdaptivePlan plan = AdaptiveAllocation.plan(sweep, bands(model, sweep));
			Map<String, Integer> sizes = new LinkedHashMap<>();
			plan.bandSizes().forEach((b, n) -> sizes.put(b.apiName(), n));
			List<AdaptiveFigureRow> rows = new ArrayList<>();
			for (AdaptiveRow r : plan.rows()) {
				rows.add(new AdaptiveFigureRow(r.uniformSetting(), r.uniformTokens(), r.uniformAccuracy(),
						r.accuracyAtSameSpend(), names(r.assignmentAtSameSpend()), r.tokensToMatch(),
						names(r.assignmentToMatch())));
			}
			return new AdaptiveReport(model.key(), model.simulated(), plan.prompts(), sizes, rows);
		}, "adaptive", model, filter.anySetting());
	}

	private static Map<String, String> names(Map<Band, String> assignment) {
		Map<String, String> out = new LinkedHashMap<>();
		assignment.forEach((b, s) -> out.put(b.apiName(), s));
		return out;
	}

	// ---------------------------------------------------------------- paired prompts
	// (compare page)

	/**
	 * One prompt run by both configs: per-prompt means on each side (null when unknown).
	 */
	public record PromptPair(long promptId, String category, Double fromInput, Double toInput, Double fromGenerated,
			Double toGenerated, Double fromReasoning, Double toReasoning, Double fromScore, Double toScore) {
	}

	public record PairsReport(String from, String fromSetting, String to, String toSetting, boolean simulated,
			List<PromptPair> pairs) {
	}

	public PairsReport pairs(String fromKey, String toKey, FigureFilter filter) {
		ModelVersion from = this.leaderboard.visible(fromKey);
		ModelVersion to = this.leaderboard.visible(toKey);
		String fromSetting = filter.setting() != null ? filter.setting() : from.defaultSetting();
		String toSetting = filter.setting() != null ? filter.setting() : to.defaultSetting();
		return this.cache.get(() -> {
			Map<ConfigKey, List<PromptMeans>> all = this.means.means(filter, List.of(from.id(), to.id()));
			Map<Long, PromptMeans> x = new HashMap<>();
			all.getOrDefault(new ConfigKey(from.id(), fromSetting), List.of()).forEach(m -> x.put(m.promptId(), m));
			List<PromptPair> pairs = new ArrayList<>();
			for (PromptMeans y : all.getOrDefault(new ConfigKey(to.id(), toSetting), List.of())) {
				PromptMeans o = x.get(y.promptId());
				if (o != null) {
					pairs.add(new PromptPair(y.promptId(), y.category() != null ? y.category() : o.category(),
							o.input(), y.input(), o.generated(), y.generated(), o.reasoning(), y.reasoning(), o.score(),
							y.score()));
				}
			}
			pairs.sort(java.util.Comparator.comparingLong(PromptPair::promptId));
			return new PairsReport(from.key(), fromSetting, to.key(), toSetting, from.simulated() || to.simulated(),
					pairs);
		}, "pairs", from, to, filter);
	}

	// ---------------------------------------------------------------- helpers

	private Map<String, List<PromptMeans>> sweep(ModelVersion model, FigureFilter filter) {
		return sweepOf(model, this.means.means(filter.anySetting(), List.of(model.id())));
	}

	/**
	 * The version's settings in catalog order, then any other setting it has results for;
	 * only settings with results.
	 */
	static <V> Map<String, V> sweepOf(ModelVersion model, Map<ConfigKey, V> all) {
		Map<String, V> sweep = new LinkedHashMap<>();
		for (String s : model.settings()) {
			V m = all.get(new ConfigKey(model.id(), s));
			if (hasResults(m)) {
				sweep.put(s, m);
			}
		}
		SortedMap<String, V> extra = new TreeMap<>();
		all.forEach((k, v) -> {
			if (k.modelId() == model.id() && !sweep.containsKey(k.setting()) && hasResults(v)) {
				extra.put(k.setting(), v);
			}
		});
		sweep.putAll(extra);
		return sweep;
	}

	/** A config's means (a list) or totals, present and not empty. */
	private static boolean hasResults(Object config) {
		return config != null && !(config instanceof Collection<?> means && means.isEmpty());
	}

	/** Bands of the sweep's prompts as seen from this version (METRICS.md section 7). */
	private Map<Long, Band> bands(ModelVersion model, Map<String, List<PromptMeans>> sweep) {
		return bands(model, sweep, this.means.difficulty());
	}

	private static Map<Long, Band> bands(ModelVersion model, Map<String, List<PromptMeans>> sweep,
			ConfigMeansQuery.Difficulty difficulty) {
		Map<Long, Band> bands = new HashMap<>();
		sweep.values()
			.forEach(list -> list
				.forEach(m -> bands.computeIfAbsent(m.promptId(), id -> difficulty.band(model.id(), id))));
		return bands;
	}

}
