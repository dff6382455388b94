package org.tokenyield.analytics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.calc.FinishCounts;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.calc.SettingHonourCalculator;
import org.tokenyield.catalog.ModelVersion;

import org.springframework.stereotype.Service;

/**
 * Was each setting honoured (docs/methodology-notes.md): the sweep's reasoning change
 * against the previous setting, the ignored flag, and the overrun and truncated rates,
 * for the scaling figure and for the leaderboard's badges. Both seed a version's sweep
 * the same way, so they always agree.
 */
@Service
public class SettingHonourService {

	private static final SettingHonourCalculator CALCULATOR = new SettingHonourCalculator();

	private final FinishCountsQuery finish;

	SettingHonourService(FinishCountsQuery finish) {
		this.finish = finish;
	}

	/**
	 * Every setting of a version's sweep (its per-prompt means under the sweep filter),
	 * in sweep order.
	 */
	List<SettingHonour> sweep(ModelVersion model, FigureFilter filter, Map<String, List<PromptMeans>> sweep) {
		List<ConfigKey> configs = sweep.keySet().stream().map(s -> new ConfigKey(model.id(), s)).toList();
		Map<ConfigKey, FinishCounts> counts = this.finish.counts(filter, configs);
		return honour(model, filter, sweep, counts);
	}

	/**
	 * The badges of the leaderboard's {@code rows}: {@code honour} by version key, then
	 * by setting, each setting as judged within its version's whole sweep, from the
	 * leaderboard's own summary read (its config totals) and its resample sums, which
	 * keep each reasoning change up to date one prompt at a time. Seeded like
	 * {@code /api/v1/scaling} ({@link #sweepSeed}), so both agree.
	 */
	static Map<String, Map<String, SettingHonour>> badges(List<LeaderboardRow> rows, Map<String, ModelVersion> models,
			Map<ConfigKey, ConfigTotals> configs, LeaderboardResamples resamples) {
		Map<ConfigKey, FinishCounts> counts = new HashMap<>();
		configs.forEach((config, totals) -> counts.put(config, totals.finish()));
		Map<String, Map<String, SettingHonour>> out = new HashMap<>();
		for (String key : rows.stream().map(LeaderboardRow::model).distinct().toList()) {
			ModelVersion model = models.get(key);
			if (model != null) {
				Map<String, SettingHonour> bySetting = new LinkedHashMap<>();
				CALCULATOR
					.sweep(FigureService.sweepOf(model, configs).keySet(), settingsOf(model, counts),
							(previous, current) -> resamples.reasoningChange(model.id(), previous, current))
					.forEach(h -> bySetting.put(h.setting(), h));
				out.put(key, Map.copyOf(bySetting));
			}
		}
		return Map.copyOf(out);
	}

	/**
	 * The seed of a version's sweep (the reasoning changes' seeds derive from it): the
	 * version and the filter whatever setting it names.
	 */
	static long sweepSeed(String modelKey, FigureFilter filter) {
		return Seeds.seedOf("honour", modelKey, filter.anySetting().seedText());
	}

	private static Map<String, FinishCounts> settingsOf(ModelVersion model, Map<ConfigKey, FinishCounts> counts) {
		Map<String, FinishCounts> bySetting = new HashMap<>();
		counts.forEach((k, v) -> {
			if (k.modelId() == model.id()) {
				bySetting.put(k.setting(), v);
			}
		});
		return bySetting;
	}

	private List<SettingHonour> honour(ModelVersion model, FigureFilter filter, Map<String, List<PromptMeans>> sweep,
			Map<ConfigKey, FinishCounts> counts) {
		return CALCULATOR.sweep(sweep, settingsOf(model, counts), sweepSeed(model.key(), filter));
	}

}
