package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntBinaryOperator;

import org.tokenyield.analytics.LeaderboardResamples.TierPair;
import org.tokenyield.analytics.LeaderboardRow.Drift;
import org.tokenyield.analytics.LeaderboardRow.Slope;
import org.tokenyield.analytics.LeaderboardRow.Tokens;
import org.tokenyield.analytics.calc.AccuracyTiers;
import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.CostChange;
import org.tokenyield.analytics.calc.CostChangeCalculator;
import org.tokenyield.analytics.calc.DriftCalculator;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.Ranking;
import org.tokenyield.analytics.calc.ScalingFit;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.Versioned;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.SimulatedVisibility;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The leaderboard and version comparisons. Every interval is seeded from the query, so
 * the same data and the same query give the same numbers.
 */
@Service
public class LeaderboardService {

	private static final Logger log = LoggerFactory.getLogger(LeaderboardService.class);

	/**
	 * {@code setting=all} lists every config of every version instead of each version's
	 * default.
	 */
	public static final String ALL_SETTINGS = "all";

	private final ConfigMeansQuery query;

	private final CostQuery costs;

	private final CatalogService catalog;

	private final DriftCalculator drift = new DriftCalculator();

	private final CostChangeCalculator costChange = new CostChangeCalculator();

	private final FigureCache cache;

	private final SimulatedVisibility visibility;

	private final LeaderboardIntervals intervals;

	/** The rows' figure in the cache (the first part of its key). */
	private static final String FIGURE = "leaderboard";

	LeaderboardService(ConfigMeansQuery query, CostQuery costs, CatalogService catalog, FigureCache cache,
			SimulatedVisibility visibility) {
		// a version's key never changes: read once, not at each seed a recompute derives
		// (a badge's reasoning change asks it at every read; by query, 0.1-0.2 s of a
		// recompute while writes arrived, docs/benchmark.md)
		Map<Long, String> keys = new ConcurrentHashMap<>();
		this.intervals = new LeaderboardIntervals(
				id -> keys.computeIfAbsent(id, k -> catalog.find(k).map(ModelVersion::key).orElseThrow()));
		this.query = query;
		this.costs = costs;
		this.catalog = catalog;
		this.cache = cache;
		// the boards read in the last minutes, and the home page's whenever it was read:
		// kept current through a long import nobody reads
		cache.followLonger(FIGURE);
		cache.followAlways(FIGURE, FigureFilter.EVERYTHING);
		this.visibility = visibility;
	}

	/**
	 * The rows for a filter, cached per summary version: a catalog change marks the
	 * summary stale as a run does (migration V11), so the warm path is one single-row
	 * query and a map lookup.
	 */
	public List<LeaderboardRow> leaderboard(FigureFilter filter) {
		return rowsWithBadges(filter).rows();
	}

	/** Like {@link #leaderboard(FigureFilter)}, with the rows' as_of. */
	public Versioned<List<LeaderboardRow>> versionedLeaderboard(FigureFilter filter) {
		Versioned<RowsWithBadges> board = this.cache.versionedOnLeaderboardLane(lane -> board(filter), FIGURE, filter);
		return new Versioned<>(board.value().rows(), board.asOf());
	}

	/**
	 * The rows with their ignored / over budget / truncated badges
	 * ({@link SettingHonourService#badges}): one figure, computed from one summary read,
	 * so the home page and the API share it and the page's as_of and ETag are those of a
	 * single computation.
	 */
	public RowsWithBadges rowsWithBadges(FigureFilter filter) {
		return this.cache.getOnLeaderboardLane(lane -> board(filter), FIGURE, filter);
	}

	/**
	 * The leaderboard's rows and their badges: {@code honour} by version key, then by
	 * setting.
	 */
	public record RowsWithBadges(List<LeaderboardRow> rows, Map<String, Map<String, SettingHonour>> honour) {

		public RowsWithBadges {
			rows = List.copyOf(rows);
		}

	}

	/**
	 * The rows and badges from one summary read: point values from its config totals,
	 * intervals from the filter's resample sums brought up to that read (a patched read
	 * moves only the prompts it changed).
	 */
	private RowsWithBadges board(FigureFilter filter) {
		List<ModelVersion> models = visibleModels();
		long began = System.nanoTime();
		long[] read = new long[2];
		RowsWithBadges board = this.intervals.read(filter, () -> this.query.summary(filter), (summary, resamples) -> {
			read[0] = System.nanoTime();
			Map<ConfigKey, ConfigTotals> configs = summary.configs();
			Map<ConfigKey, CostQuery.ConfigCost> costs = this.costs.costs(filter, configs);
			read[1] = System.nanoTime();
			Map<String, ModelVersion> visible = new LinkedHashMap<>();
			models.forEach(m -> visible.put(m.key(), m));
			List<LeaderboardRow> all = new ArrayList<>();
			for (ModelVersion model : models) {
				all.addAll(rowsOf(model, filter, configs, costs, visible, resamples));
			}
			all.sort(RANKING);
			List<LeaderboardRow> rows = tiered(all, visible, resamples);
			return new RowsWithBadges(rows, SettingHonourService.badges(rows, visible, configs, resamples));
		});
		log.debug("Leaderboard {}: summary read and sums moved in {} ms, cost read in {} ms, rows in {} ms",
				filter.seedText(), (read[0] - began) / 1_000_000, (read[1] - read[0]) / 1_000_000,
				(System.nanoTime() - read[1]) / 1_000_000);
		return board;
	}

	private List<LeaderboardRow> rowsOf(ModelVersion model, FigureFilter filter, Map<ConfigKey, ConfigTotals> configs,
			Map<ConfigKey, CostQuery.ConfigCost> costs, Map<String, ModelVersion> visible,
			LeaderboardResamples resamples) {
		List<LeaderboardRow> rows = new ArrayList<>();
		Slope slope = null;
		boolean sloped = false;
		for (String setting : settingsShown(model, filter, configs)) {
			ConfigKey key = new ConfigKey(model.id(), setting);
			ConfigTotals own = configs.get(key);
			if (own == null) {
				continue;
			}
			if (!sloped) {
				slope = slope(model, configs, resamples);
				sloped = true;
			}
			ModelVersion predecessor = (model.predecessor() == null) ? null : visible.get(model.predecessor());
			rows.add(row(model, setting, own, configs, slope, predecessor, costs.get(key), key, resamples));
		}
		return rows;
	}

	/**
	 * The rows with their rank tiers (docs/methodology-notes.md "Tied ranks"): every pair
	 * of rows with an accuracy is compared on their paired prompts, oriented by the rows'
	 * keys (so the row order does not matter), all seeded from the filter.
	 */
	private List<LeaderboardRow> tiered(List<LeaderboardRow> rows, Map<String, ModelVersion> visible,
			LeaderboardResamples resamples) {
		int k = rows.size();
		boolean[] ranked = new boolean[k];
		String[] keyOf = new String[k];
		ConfigKey[] configOf = new ConfigKey[k];
		for (int i = 0; i < k; i++) {
			LeaderboardRow r = rows.get(i);
			ranked[i] = r.accuracy().value() != null;
			keyOf[i] = r.model() + '\u001f' + r.setting();
			configOf[i] = new ConfigKey(visible.get(r.model()).id(), r.setting());
		}
		IntBinaryOperator lowerOf = (i, j) -> (keyOf[i].compareTo(keyOf[j]) < 0) ? i : j;
		List<TierPair> pairs = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			for (int j = i + 1; j < k; j++) {
				if (ranked[i] && ranked[j]) {
					int lower = lowerOf.applyAsInt(i, j);
					pairs.add(new TierPair(configOf[lower], configOf[i + j - lower]));
				}
			}
		}
		resamples.tierGaps(pairs);
		Integer[] ranks = AccuracyTiers.ranks(ranked, (i, j) -> {
			int lower = lowerOf.applyAsInt(i, j);
			Estimate gap = resamples.tierGap(new TierPair(configOf[lower], configOf[i + j - lower]));
			return (lower == i) ? gap : negated(gap);
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

	/** Rebuilds of the intervals' resample sums from a whole summary read. */
	long intervalRebuilds() {
		return this.intervals.rebuilds();
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
	private Slope slope(ModelVersion model, Map<ConfigKey, ConfigTotals> configs, LeaderboardResamples resamples) {
		Map<String, ConfigTotals> sweep = FigureService.sweepOf(model, configs);
		if (sweep.size() < 2) {
			return null; // one setting: no sweep, no slope
		}
		ScalingFit fit = resamples.sweep(model.id(), List.copyOf(sweep.keySet()));
		return new Slope(fit.alpha(), fit.regime().name());
	}

	private LeaderboardRow row(ModelVersion model, String setting, ConfigTotals own,
			Map<ConfigKey, ConfigTotals> configs, Slope slope, ModelVersion predecessor, CostQuery.ConfigCost cost,
			ConfigKey key, LeaderboardResamples resamples) {
		ConfigSummary summary = resamples.summary(key);
		Drift drift = (predecessor == null) ? null : predecessorDrift(predecessor, key, configs, resamples);
		return new LeaderboardRow(model.key(), setting, model.family(), model.provider(), model.simulated(),
				own.prompts(), summary.accuracy(),
				new Tokens(summary.input(), summary.generated(), summary.reasoning()), summary.medianGenerated(), drift,
				slope, own.medianCv(), summary.costPerCorrect(),
				cost == null ? null : CostCalculator.perCorrect(cost.billedUsd(), own.correct()),
				cost == null ? null : cost.judgeUsd(), own.accuracyWithoutTruncated(), own.finish().truncatedRate(),
				own.time(), null);
	}

	/**
	 * Drift from the visible predecessor {@code older}; null when it has no results to
	 * pair.
	 */
	private Drift predecessorDrift(ModelVersion older, ConfigKey newer, Map<ConfigKey, ConfigTotals> configs,
			LeaderboardResamples resamples) {
		String setting = newer.setting();
		// the same setting when the predecessor has it, otherwise each at its default
		// (METRICS.md section 1)
		String olderSetting = configs.containsKey(new ConfigKey(older.id(), setting)) ? setting
				: older.defaultSetting();
		ConfigKey olderKey = new ConfigKey(older.id(), olderSetting);
		if (!configs.containsKey(olderKey)) {
			return null;
		}
		DriftEstimate d = resamples.drift(olderKey, newer);
		return new Drift(older.key(), olderSetting, d.prompts(), d.input(), d.generated(), d.reasoning(),
				d.accuracyChange(), d.verdict() == null ? null : d.verdict().apiName());
	}

	private List<String> settingsShown(ModelVersion model, FigureFilter filter, Map<ConfigKey, ConfigTotals> configs) {
		if (filter.setting() == null) {
			return List.of(model.defaultSetting());
		}
		if (ALL_SETTINGS.equals(filter.setting())) {
			List<String> settings = new ArrayList<>(model.settings());
			configs.keySet()
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
