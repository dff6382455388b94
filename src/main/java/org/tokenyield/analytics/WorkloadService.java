package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.WorkloadProjection;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.Prices;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.stereotype.Service;

/**
 * Your workload (docs/methodology-notes.md "Your workload"): every shown config's
 * expected accuracy and monthly cost on a reader's mix of categories, from the summary's
 * per-prompt means (no run is read) and each version's current prices. Configs as on the
 * leaderboard: each version at its default, the filter's {@code setting}, or every
 * setting with {@code setting=all}; the filter's category does not apply (the mix names
 * the categories).
 */
@Service
public class WorkloadService {

	private final ConfigMeansQuery means;

	private final LeaderboardService leaderboard;

	private final FigureCache cache;

	private final WorkloadProjection projection = WorkloadProjection.standard();

	WorkloadService(ConfigMeansQuery means, LeaderboardService leaderboard, FigureCache cache) {
		this.means = means;
		this.leaderboard = leaderboard;
		this.cache = cache;
	}

	/**
	 * One config: the projection's figures, the prompts used per category and the
	 * categories it has no graded prompt in (then its figures are null).
	 */
	public record ConfigProjection(String model, String setting, boolean simulated, Estimate expectedAccuracy,
			Estimate costPerPromptUsd, Estimate monthlyCostUsd, Map<String, Integer> prompts,
			List<String> missingCategories) {
	}

	@Schema(name = "Projection") // other modules answer a Report too
	public record Report(Map<String, Double> mix, long promptsPerMonth, double cacheHit,
			List<ConfigProjection> configs) {
	}

	public Report project(Workload workload, FigureFilter filter) {
		FigureFilter any = new FigureFilter(null, filter.difficulty(), filter.setting(), filter.dataset());
		return this.cache.get(() -> compute(workload, any), "projection", workload, any);
	}

	private Report compute(Workload workload, FigureFilter filter) {
		Map<ConfigKey, List<PromptMeans>> all = this.means.means(filter, List.of());
		List<ConfigProjection> out = new ArrayList<>();
		for (ModelVersion model : this.leaderboard.visibleModels()) {
			for (String setting : settings(model, filter, all)) {
				List<PromptMeans> own = all.get(new ConfigKey(model.id(), setting));
				if (own == null || own.isEmpty()) {
					continue;
				}
				Prices p = model.prices();
				long seed = Seeds.seedOf("projection", model.key(), setting, workload.mixText(),
						Long.toString(workload.promptsPerMonth()), Double.toString(workload.cacheHit()),
						filter.seedText());
				WorkloadProjection.Projection r = this.projection.project(workload.mix(), own,
						new WorkloadProjection.Prices(p.inputPerMtok().doubleValue(),
								p.cachedInputPerMtok().doubleValue(), p.outputPerMtok().doubleValue()),
						workload.cacheHit(), workload.promptsPerMonth(), seed);
				out.add(new ConfigProjection(model.key(), setting, model.simulated(), r.accuracy(), r.costPerPrompt(),
						r.monthlyCost(), r.prompts(), r.missing()));
			}
		}
		out.sort(ORDER);
		return new Report(workload.mix(), workload.promptsPerMonth(), workload.cacheHit(), List.copyOf(out));
	}

	/** Projected first, by expected accuracy, then by monthly cost, then by key. */
	private static final Comparator<ConfigProjection> ORDER = Comparator
		.comparing((ConfigProjection c) -> c.expectedAccuracy().value() == null)
		.thenComparing(c -> c.expectedAccuracy().value() == null ? 0 : -c.expectedAccuracy().value())
		.thenComparing(c -> c.monthlyCostUsd().value() == null ? 0 : c.monthlyCostUsd().value())
		.thenComparing(ConfigProjection::model)
		.thenComparing(ConfigProjection::setting);

	private static List<String> settings(ModelVersion model, FigureFilter filter,
			Map<ConfigKey, List<PromptMeans>> all) {
		if (filter.setting() == null) {
			return List.of(model.defaultSetting());
		}
		if (LeaderboardService.ALL_SETTINGS.equals(filter.setting())) {
			return all.keySet()
				.stream()
				.filter(k -> k.modelId() == model.id())
				.map(ConfigKey::setting)
				.sorted()
				.toList();
		}
		return List.of(filter.setting());
	}

}
