package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.tokenyield.analytics.LeaderboardRow.Drift;
import org.tokenyield.analytics.LeaderboardRow.Slope;
import org.tokenyield.analytics.LeaderboardRow.Tokens;
import org.tokenyield.analytics.calc.AccuracyWithoutTruncated;
import org.tokenyield.analytics.calc.AccuracyTiers;
import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.CostChange;
import org.tokenyield.analytics.calc.CostChangeCalculator;
import org.tokenyield.analytics.calc.DriftCalculator;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.FinishCounts;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.Ranking;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.calc.TimePerTask;
import org.tokenyield.analytics.calc.VarianceSummary;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.Lane;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.analytics.freshness.Versioned;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.SimulatedVisibility;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The leaderboard and version comparisons. Every interval is seeded from the query, so
 * the same data and the same query give the same numbers.
 */
@Service
public class LeaderboardService implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LeaderboardService.class);

	/**
	 * {@code setting=all} lists every config of every version instead of each version's
	 * default.
	 */
	public static final String ALL_SETTINGS = "all";

	private final ConfigMeansQuery query;

	private final CostQuery costs;

	private final FinishCountsQuery finish;

	private final LatencyQuery latency;

	private final CatalogService catalog;

	private final DriftCalculator drift = new DriftCalculator();

	private final CostChangeCalculator costChange = new CostChangeCalculator();

	private final FigureCache cache;

	private final SimulatedVisibility visibility;

	private final RowBootstraps bootstraps;

	private final SettingHonourService honour;

	LeaderboardService(ConfigMeansQuery query, CostQuery costs, FinishCountsQuery finish, LatencyQuery latency,
			CatalogService catalog, FigureCache cache, SimulatedVisibility visibility, SummaryVersionStamper stamper,
			AnalyticsProperties properties, SettingHonourService honour) {
		this.honour = honour;
		// the trailing intervals are paced like the slow figures (docs/live-figures.md)
		this.bootstraps = new RowBootstraps(properties.slowFigurePacing(), stamper::figuresChanged);
		stamper.onForcedRefresh(this.bootstraps::forgetLatest);
		this.query = query;
		this.costs = costs;
		this.finish = finish;
		this.latency = latency;
		this.catalog = catalog;
		this.cache = cache;
		this.visibility = visibility;
	}

	/**
	 * The rows for a filter, cached per summary refresh: a catalog change marks the
	 * summary stale as a run does (migration V11), so the warm path is one single-row
	 * query and a map lookup.
	 */
	public List<LeaderboardRow> leaderboard(FigureFilter filter) {
		return this.cache.getOnLeaderboardLane(lane -> rows(filter, lane), "leaderboard", filter);
	}

	/** Like {@link #leaderboard(FigureFilter)}, with the rows' as_of. */
	public Versioned<List<LeaderboardRow>> versionedLeaderboard(FigureFilter filter) {
		return this.cache.versionedOnLeaderboardLane(lane -> rows(filter, lane), "leaderboard", filter);
	}

	private List<LeaderboardRow> rows(FigureFilter filter, Lane lane) {
		return List.copyOf(compute(filter, visibleModels(), lane));
	}

	/**
	 * The home page's rows with their ignored / over budget / truncated badges
	 * ({@link SettingHonourService#badges}). One cached figure for both, so the page's
	 * as_of and ETag stay those of a single computation.
	 */
	public RowsWithBadges rowsWithBadges(FigureFilter filter) {
		return this.cache.getOnLeaderboardLane(lane -> {
			List<LeaderboardRow> rows = this.cache.within(lane, l -> rows(filter, l), "leaderboard", filter);
			Map<String, ModelVersion> models = new HashMap<>();
			visibleModels().forEach(m -> models.put(m.key(), m));
			return new RowsWithBadges(rows, this.honour.badges(filter, rows, models));
		}, "honour.leaderboard", filter);
	}

	/**
	 * The leaderboard's rows and their badges: {@code honour} by version key, then by
	 * setting.
	 */
	public record RowsWithBadges(List<LeaderboardRow> rows, Map<String, Map<String, SettingHonour>> honour) {
	}

	/**
	 * {@code lane}: on the leaderboard's background lane the rows' intervals may trail
	 * their point estimates (docs/live-figures.md "Intervals trail").
	 */
	private List<LeaderboardRow> compute(FigureFilter filter, List<ModelVersion> models, Lane lane) {
		long began = System.nanoTime();
		ConfigMeansQuery.Summary summary = this.query.summary(filter);
		Map<ConfigKey, List<PromptMeans>> means = summary.means();
		Map<ConfigKey, VarianceSummary> spread = summary.spread();
		Map<ConfigKey, CostQuery.ConfigCost> costs = this.costs.costs(filter, summary);
		RunFigures runFigures = runFigures(filter, models, means);
		long read = System.nanoTime();
		Map<String, ModelVersion> visible = new LinkedHashMap<>();
		models.forEach(m -> visible.put(m.key(), m));
		// each version's rows have their own seeds and read nothing shared that changes,
		// so a cold leaderboard splits by version over the figure pool
		boolean trail = lane.trailsIntervals();
		List<LeaderboardRow> rows = new ArrayList<>();
		this.cache.inParallel(models, model -> rowsOf(model, filter, means, spread, costs, visible, runFigures, trail))
			.forEach(rows::addAll);
		rows.sort(RANKING);
		rows = tiered(rows, means, visible, filter, trail);
		log.debug("Leaderboard {}: summary read in {} ms, rows in {} ms", filter.seedText(), (read - began) / 1_000_000,
				(System.nanoTime() - read) / 1_000_000);
		return rows;
	}

	/**
	 * How the shown configs' runs ended and how long they took (point values, no
	 * bootstrap): two reads of per-prompt sums of the shown configs only.
	 */
	private record RunFigures(FinishCountsQuery.Tallies tallies, Map<ConfigKey, TimePerTask> time) {
	}

	private RunFigures runFigures(FigureFilter filter, List<ModelVersion> models,
			Map<ConfigKey, List<PromptMeans>> means) {
		List<ConfigKey> shown = new ArrayList<>();
		for (ModelVersion model : models) {
			for (String setting : settingsShown(model, filter, means)) {
				ConfigKey key = new ConfigKey(model.id(), setting);
				if (means.containsKey(key)) {
					shown.add(key);
				}
			}
		}
		return new RunFigures(this.finish.tallies(filter, shown), this.latency.time(filter, shown));
	}

	private List<LeaderboardRow> rowsOf(ModelVersion model, FigureFilter filter,
			Map<ConfigKey, List<PromptMeans>> means, Map<ConfigKey, VarianceSummary> spread,
			Map<ConfigKey, CostQuery.ConfigCost> costs, Map<String, ModelVersion> visible, RunFigures runFigures,
			boolean trail) {
		List<LeaderboardRow> rows = new ArrayList<>();
		Slope slope = null;
		boolean sloped = false;
		for (String setting : settingsShown(model, filter, means)) {
			List<PromptMeans> own = means.get(new ConfigKey(model.id(), setting));
			if (own == null || own.isEmpty()) {
				continue;
			}
			if (!sloped) {
				slope = slope(model, means, filter, trail);
				sloped = true;
			}
			VarianceSummary cv = spread.get(new ConfigKey(model.id(), setting));
			ModelVersion predecessor = (model.predecessor() == null) ? null : visible.get(model.predecessor());
			ConfigKey key = new ConfigKey(model.id(), setting);
			rows.add(row(model, setting, own, filter, means, slope, cv == null ? null : cv.medianCv(), predecessor,
					costs.get(key), runFigures, key, trail));
		}
		return rows;
	}

	/**
	 * The rows with their rank tiers (docs/methodology-notes.md "Tied ranks"): every pair
	 * of rows with an accuracy is compared on their paired prompts, oriented by the rows'
	 * keys (so the row order does not matter), all seeded from the filter.
	 */
	private List<LeaderboardRow> tiered(List<LeaderboardRow> rows, Map<ConfigKey, List<PromptMeans>> means,
			Map<String, ModelVersion> visible, FigureFilter filter, boolean trail) {
		int k = rows.size();
		boolean[] ranked = new boolean[k];
		String[] keyOf = new String[k];
		SortedMap<String, List<PromptMeans>> byKey = new TreeMap<>();
		for (int i = 0; i < k; i++) {
			LeaderboardRow r = rows.get(i);
			ranked[i] = r.accuracy().value() != null;
			keyOf[i] = r.model() + '\u001f' + r.setting();
			if (ranked[i]) {
				byKey.put(keyOf[i],
						means.getOrDefault(new ConfigKey(visible.get(r.model()).id(), r.setting()), List.of()));
			}
		}
		Map<String, Estimate> gaps = this.bootstraps.tierGaps(List.copyOf(byKey.keySet()), List.copyOf(byKey.values()),
				Seeds.seedOf("rank", filter.seedText()), trail);
		Integer[] ranks = AccuracyTiers.ranks(ranked, (i, j) -> {
			boolean inOrder = keyOf[i].compareTo(keyOf[j]) < 0;
			Estimate gap = inOrder ? gaps.get(keyOf[i] + "\n" + keyOf[j]) : gaps.get(keyOf[j] + "\n" + keyOf[i]);
			return inOrder ? gap : negated(gap);
		});
		List<LeaderboardRow> out = new ArrayList<>(k);
		for (int i = 0; i < k; i++) {
			out.add(rows.get(i).withRank(ranks[i]));
		}
		return out;
	}

	private static Estimate negated(Estimate e) {
		return new Estimate(e.value() == null ? null : -e.value(), e.ciHigh() == null ? null : -e.ciHigh(),
				e.ciLow() == null ? null : -e.ciLow());
	}

	/**
	 * Whether some rows show the intervals of an earlier version while theirs are
	 * calculated.
	 */
	boolean intervalsTrailing() {
		return this.bootstraps.trailing();
	}

	@Override
	public void destroy() {
		this.bootstraps.shutdown();
	}

	/**
	 * Bootstraps calculated by this service since it started (the rest were remembered).
	 */
	long bootstrapsCalculated() {
		return this.bootstraps.calculated();
	}

	/**
	 * METRICS.md section 9 ({@link Ranking}), ties by model key so the order is stable.
	 */
	static final Comparator<LeaderboardRow> RANKING = Ranking
		.<LeaderboardRow>by(r -> r.accuracy().value(), r -> r.tokens().generated(), r -> r.tokens().input())
		.thenComparing(LeaderboardRow::model);

	/**
	 * Drift between any two configs (API {@code /drift}); each side at its default unless
	 * a setting is given.
	 */
	public DriftReport drift(String fromKey, String toKey, FigureFilter filter) {
		ModelVersion from = visible(fromKey);
		ModelVersion to = visible(toKey);
		return this.cache.get(() -> computeDrift(from, to, filter), "drift", from, to, filter);
	}

	private DriftReport computeDrift(ModelVersion from, ModelVersion to, FigureFilter filter) {
		String fromSetting = filter.setting() != null ? filter.setting() : from.defaultSetting();
		String toSetting = filter.setting() != null ? filter.setting() : to.defaultSetting();
		Map<ConfigKey, List<PromptMeans>> means = this.query.means(filter, List.of(from.id(), to.id()));
		List<PromptMeans> x = means.getOrDefault(new ConfigKey(from.id(), fromSetting), List.of());
		List<PromptMeans> y = means.getOrDefault(new ConfigKey(to.id(), toSetting), List.of());
		long seed = Seeds.seedOf("drift", from.key(), fromSetting, to.key(), toSetting, filter.seedText());
		DriftEstimate overall = this.drift.compare(x, y, seed);
		Map<String, DriftEstimate> byCategory = this.drift.compareByCategory(x, y, seed);
		// priced at the older side's list prices in force today (Prices: the latest row)
		CostChange costChange = this.costChange.compare(x, y, from.prices().inputPerMtok().doubleValue(),
				from.prices().outputPerMtok().doubleValue(), Seeds.derive(seed, "cost_change"));
		return new DriftReport(from.key(), fromSetting, to.key(), toSetting, overall, byCategory,
				from.simulated() || to.simulated(), costChange);
	}

	/**
	 * @param costChange why the cost per correct answer changed, null when a side has no
	 * correct run over the paired prompts
	 */
	public record DriftReport(String from, String fromSetting, String to, String toSetting, DriftEstimate overall,
			Map<String, DriftEstimate> byCategory, boolean simulated, CostChange costChange) {

		public DriftReport(String from, String fromSetting, String to, String toSetting, DriftEstimate overall,
				Map<String, DriftEstimate> byCategory, boolean simulated) {
			this(from, fromSetting, to, toSetting, overall, byCategory, simulated, null);
		}

	}

	/**
	 * METRICS.md section 3 over the version's whole sweep (every setting it has results
	 * for, whatever setting the row shows), seeded like {@code /api/v1/scaling} so both
	 * agree.
	 */
	private Slope slope(ModelVersion model, Map<ConfigKey, List<PromptMeans>> means, FigureFilter filter,
			boolean trail) {
		FigureFilter sweepFilter = filter.anySetting();
		Map<String, List<PromptMeans>> sweep = FigureService.sweepOf(model, means);
		if (sweep.size() < 2) {
			return null; // one setting: no sweep, no slope
		}
		return this.bootstraps.slope(sweep, Seeds.seedOf("scaling", model.key(), sweepFilter.seedText()), trail);
	}

	private LeaderboardRow row(ModelVersion model, String setting, List<PromptMeans> own, FigureFilter filter,
			Map<ConfigKey, List<PromptMeans>> means, Slope slope, Double cvMedian, ModelVersion predecessor,
			CostQuery.ConfigCost cost, RunFigures runFigures, ConfigKey key, boolean trail) {
		long seed = Seeds.seedOf("leaderboard", model.key(), setting, filter.seedText());
		ConfigSummary summary = this.bootstraps.summary(own, seed, trail);
		Drift drift = (predecessor == null) ? null
				: predecessorDrift(predecessor, model, setting, own, filter, means, trail);
		return new LeaderboardRow(model.key(), setting, model.family(), model.provider(), model.simulated(), own.size(),
				summary.accuracy(), new Tokens(summary.input(), summary.generated(), summary.reasoning()),
				summary.medianGenerated(), drift, slope, cvMedian, summary.costPerCorrect(),
				cost == null ? null
						: CostCalculator.perCorrect(cost.billedUsd(),
								own.stream().mapToLong(PromptMeans::correct).sum()),
				cost == null ? null : cost.judgeUsd(),
				AccuracyWithoutTruncated.of(runFigures.tallies().scores().getOrDefault(key, List.of())),
				truncatedRate(runFigures.tallies(), key), runFigures.time().getOrDefault(key, TimePerTask.NONE), null);
	}

	private static Double truncatedRate(FinishCountsQuery.Tallies tallies, ConfigKey key) {
		FinishCounts counts = tallies.counts().get(key);
		return counts == null ? null : counts.truncatedRate();
	}

	/**
	 * Drift from the visible predecessor {@code older}; null when it has no results to
	 * pair.
	 */
	private Drift predecessorDrift(ModelVersion older, ModelVersion model, String setting, List<PromptMeans> own,
			FigureFilter filter, Map<ConfigKey, List<PromptMeans>> means, boolean trail) {
		// the same setting when the predecessor has it, otherwise each at its default
		// (METRICS.md section 1)
		String olderSetting = means.containsKey(new ConfigKey(older.id(), setting)) ? setting : older.defaultSetting();
		List<PromptMeans> x = means.getOrDefault(new ConfigKey(older.id(), olderSetting), List.of());
		if (x.isEmpty()) {
			return null;
		}
		long seed = Seeds.seedOf("drift", older.key(), olderSetting, model.key(), setting, filter.seedText());
		DriftEstimate d = this.bootstraps.drift(x, own, seed, trail);
		return new Drift(older.key(), olderSetting, d.prompts(), d.input(), d.generated(), d.reasoning(),
				d.accuracyChange(), d.verdict() == null ? null : d.verdict().apiName());
	}

	private List<String> settingsShown(ModelVersion model, FigureFilter filter,
			Map<ConfigKey, List<PromptMeans>> means) {
		if (filter.setting() == null) {
			return List.of(model.defaultSetting());
		}
		if (ALL_SETTINGS.equals(filter.setting())) {
			List<String> settings = new ArrayList<>(model.settings());
			means.keySet()
				.stream()
				.filter(k -> k.modelId() == model.id() && !settings.contains(k.setting()))
				.forEach(k -> settings.add(k.setting()));
			return settings;
		}
		return List.of(filter.setting());
	}

	/** Versions a reader may see: simulated ones only in demo mode. */
	public List<ModelVersion> visibleModels() {
		return this.catalog.all().stream().filter(m -> this.visibility.isPublic(m.simulated())).toList();
	}

	public ModelVersion visible(String key) {
		ModelVersion model = this.catalog.require(key);
		if (!this.visibility.isPublic(model.simulated())) {
			throw new NotFoundException("No model version '" + key + "'");
		}
		return model;
	}

}
