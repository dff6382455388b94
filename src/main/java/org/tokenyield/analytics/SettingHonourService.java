package org.tokenyield.analytics;

import java.util.ArrayList;
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

	private final ConfigMeansQuery means;

	private final FinishCountsQuery finish;

	private final SettingHonourCalculator calculator = new SettingHonourCalculator();

	SettingHonourService(ConfigMeansQuery means, FinishCountsQuery finish) {
		this.means = means;
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
	 * by setting, each setting as judged within its version's whole sweep (seeded like
	 * {@code /api/v1/scaling}, so both agree). Rates are read only for the configs shown.
	 */
	Map<String, Map<String, SettingHonour>> badges(FigureFilter filter, List<LeaderboardRow> rows,
			Map<String, ModelVersion> models) {
		List<ConfigKey> shown = new ArrayList<>();
		for (LeaderboardRow row : rows) {
			ModelVersion model = models.get(row.model());
			if (model != null) {
				shown.add(new ConfigKey(model.id(), row.setting()));
			}
		}
		Map<ConfigKey, FinishCounts> counts = this.finish.counts(filter, shown);
		Map<ConfigKey, List<PromptMeans>> all = this.means.means(filter.anySetting(), List.of());
		Map<String, Map<String, SettingHonour>> out = new HashMap<>();
		for (String key : rows.stream().map(LeaderboardRow::model).distinct().toList()) {
			ModelVersion model = models.get(key);
			if (model != null) {
				Map<String, SettingHonour> bySetting = new LinkedHashMap<>();
				honour(model, filter, FigureService.sweepOf(model, all), counts)
					.forEach(h -> bySetting.put(h.setting(), h));
				out.put(key, Map.copyOf(bySetting));
			}
		}
		return Map.copyOf(out);
	}

	private List<SettingHonour> honour(ModelVersion model, FigureFilter filter, Map<String, List<PromptMeans>> sweep,
			Map<ConfigKey, FinishCounts> counts) {
		Map<String, FinishCounts> bySetting = new HashMap<>();
		counts.forEach((k, v) -> {
			if (k.modelId() == model.id()) {
				bySetting.put(k.setting(), v);
			}
		});
		long seed = Seeds.seedOf("honour", model.key(), filter.anySetting().seedText());
		return this.calculator.sweep(sweep, bySetting, seed);
	}

}
