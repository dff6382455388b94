package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.tokenyield.analytics.calc.Band;
import org.tokenyield.analytics.calc.DifficultyBands;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.PromptVariance;
import org.tokenyield.analytics.calc.VarianceCalculator;
import org.tokenyield.analytics.calc.VarianceSummary;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-prompt means per config from the summary (never from the runs table), filtered by
 * category, dataset, setting and difficulty band. Simulated versions count only in demo
 * mode.
 */
@Component
class ConfigMeansQuery {

	private final JdbcClient jdbc;

	private final SimulatedVisibility visibility;

	ConfigMeansQuery(JdbcClient jdbc, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.visibility = visibility;
	}

	/**
	 * The summary's sums per config and prompt, as the leaderboard uses them: the means,
	 * the spread of generated tokens, and what the successful runs cost as billed and in
	 * judge calls, all from one read.
	 */
	public record Summary(Map<ConfigKey, List<PromptMeans>> means, Map<ConfigKey, VarianceSummary> spread,
			Map<ConfigKey, CostQuery.ConfigCost> billed) {
	}

	/**
	 * Means of the given versions (all when empty), by config, in model and setting
	 * order.
	 */
	@Transactional(readOnly = true)
	Map<ConfigKey, List<PromptMeans>> means(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<PromptMeans>> means = new LinkedHashMap<>();
		read(filter, modelIds, (key, row) -> means.computeIfAbsent(key, k -> new ArrayList<>()).add(meansOf(row)));
		return means;
	}

	/**
	 * Cost nondeterminism per config (METRICS.md section 4) from the summary's sums of
	 * squares, minima and maxima, computed by {@link VarianceCalculator} (the class the
	 * {@code /variance} figure uses) without reading a single run. Rows of several
	 * datasets combine exactly.
	 */
	@Transactional(readOnly = true)
	Map<ConfigKey, VarianceSummary> spread(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<PromptVariance>> spread = new LinkedHashMap<>();
		read(filter, modelIds, (key, row) -> addSpread(spread, key, row));
		return spreadOf(spread);
	}

	/**
	 * {@link #means}, {@link #spread} and the billed sums of every visible config in one
	 * read of the summary (issue 7: each read of the summary is a group-by over all its
	 * rows, and the leaderboard's recompute is what a new run waits for).
	 */
	@Transactional(readOnly = true)
	Summary summary(FigureFilter filter) {
		Map<ConfigKey, List<PromptMeans>> means = new LinkedHashMap<>();
		Map<ConfigKey, List<PromptVariance>> spread = new LinkedHashMap<>();
		Map<ConfigKey, CostQuery.ConfigCost> billed = new LinkedHashMap<>();
		read(filter, List.of(), (key, row) -> {
			means.computeIfAbsent(key, k -> new ArrayList<>()).add(meansOf(row));
			addSpread(spread, key, row);
			billed.merge(key, new CostQuery.ConfigCost(row.billed, row.judge, 0), CostQuery.ConfigCost::plus);
		});
		return new Summary(means, spreadOf(spread), billed);
	}

	/** One config and prompt's sums over the datasets the filter takes. */
	private record Row(long promptId, String category, long runs, long nInput, double sumInput, long nGenerated,
			double sumGenerated, long nReasoning, double sumReasoning, long nGraded, double sumScore, int correct,
			double cost, double sumsq, double lo, double hi, double billed, double judge) {
	}

	private void read(FigureFilter filter, List<Long> modelIds, BiConsumer<ConfigKey, Row> sink) {
		BandFilter band = bandFilter(filter);
		// the sort of a leaderboard's rows (about 6 MB for 20 configs of 1,000 prompts)
		// spilled to disk under the default work_mem of 4 MB; for this transaction only
		this.jdbc.sql("set local work_mem = '32MB'").update();
		this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, p.category, sum(s.runs) as runs,
				       sum(s.n_input) as n_input, sum(s.sum_input) as sum_input,
				       sum(s.n_generated) as n_generated, sum(s.sum_generated) as sum_generated,
				       sum(s.n_reasoning) as n_reasoning, sum(s.sum_reasoning) as sum_reasoning,
				       sum(s.n_graded) as n_graded, sum(s.sum_score) as sum_score, sum(s.correct) as correct,
				       sum(s.cost_usd) as cost, sum(s.sumsq_generated) as sumsq, min(s.min_generated) as lo,
				       max(s.max_generated) as hi, sum(s.billed_cost_usd) as billed, sum(s.judge_cost_usd) as judge
				  from config_prompt_stats s join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				   and (cardinality(cast(:models as bigint[])) = 0 or s.model_id = any(cast(:models as bigint[])))
				 group by s.model_id, s.setting, s.prompt_id, p.category
				 order by s.model_id, s.setting, s.prompt_id""")
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.param("models", modelIds.toArray(Long[]::new))
			.query(rs -> {
				// by position: 20 columns of some 20,000 rows, read at every new version
				long model = rs.getLong(1);
				long prompt = rs.getLong(3);
				if (band.keeps(model, prompt)) {
					// interned: six category names, not one string per row kept in
					// the remembered means
					String category = rs.getString(4);
					sink.accept(new ConfigKey(model, rs.getString(2)),
							new Row(prompt, category == null ? null : category.intern(), rs.getLong(5), rs.getLong(6),
									rs.getDouble(7), rs.getLong(8), rs.getDouble(9), rs.getLong(10), rs.getDouble(11),
									rs.getLong(12), rs.getDouble(13), rs.getInt(14), rs.getDouble(15), rs.getDouble(16),
									rs.getDouble(17), rs.getDouble(18), rs.getDouble(19), rs.getDouble(20)));
				}
			});
	}

	private static PromptMeans meansOf(Row r) {
		return new PromptMeans(r.promptId, r.category, mean(r.sumInput, r.nInput), mean(r.sumGenerated, r.nGenerated),
				mean(r.sumReasoning, r.nReasoning), mean(r.sumScore, r.nGraded), (int) r.runs, r.correct, r.cost);
	}

	/** A prompt's spread counts from two generated-token counts on. */
	private static void addSpread(Map<ConfigKey, List<PromptVariance>> spread, ConfigKey key, Row r) {
		if (r.nGenerated >= 2) {
			VarianceCalculator.fromMoments(r.promptId, r.category, r.nGenerated, r.sumGenerated, r.sumsq, r.lo, r.hi)
				.ifPresent(v -> spread.computeIfAbsent(key, k -> new ArrayList<>()).add(v));
		}
	}

	private static Map<ConfigKey, VarianceSummary> spreadOf(Map<ConfigKey, List<PromptVariance>> byConfig) {
		Map<ConfigKey, VarianceSummary> out = new LinkedHashMap<>();
		byConfig.forEach((key, rows) -> out.put(key, VarianceCalculator.of(rows)));
		return out;
	}

	/** Rows of the summary table (a gauge of its size, see FigureMetrics). */
	@Transactional(readOnly = true)
	long summaryRows() {
		return this.jdbc.sql("select count(*) from config_prompt_stats").query(Long.class).single();
	}

	/**
	 * METRICS.md section 7: graded and correct runs per prompt, overall and per version,
	 * so the band of a prompt as seen from a version uses only the other versions' runs.
	 */
	public record Difficulty(Map<Long, long[]> totals, Map<Long, Map<Long, long[]>> perModel) {

		Band band(long modelId, long promptId) {
			long[] all = this.totals.getOrDefault(promptId, new long[2]);
			long[] own = this.perModel.getOrDefault(modelId, Map.of()).getOrDefault(promptId, new long[2]);
			return DifficultyBands.bandOf(all[0] - own[0], all[1] - own[1]);
		}

	}

	/** Whether a prompt, seen from a version, passes a filter's difficulty band. */
	@FunctionalInterface
	public interface BandFilter {

		boolean keeps(long modelId, long promptId);

	}

	/**
	 * The filter's difficulty band as a test of (version, prompt): keeps everything,
	 * without reading the bands, when the filter names none.
	 */
	BandFilter bandFilter(FigureFilter filter) {
		if (filter.difficulty() == null) {
			return (modelId, promptId) -> true;
		}
		Difficulty difficulty = difficulty();
		return (modelId, promptId) -> difficulty.band(modelId, promptId).apiName().equals(filter.difficulty());
	}

	@Transactional(readOnly = true)
	Difficulty difficulty() {
		Map<Long, long[]> totals = new HashMap<>();
		Map<Long, Map<Long, long[]>> perModel = new HashMap<>();
		this.jdbc.sql("""
				select s.prompt_id, s.model_id, sum(s.n_graded) as graded, sum(s.correct) as correct
				  from config_prompt_stats s join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated) and s.n_graded > 0
				 group by s.prompt_id, s.model_id""").param("simulated", this.visibility.showsSimulated()).query(rs -> {
			long prompt = rs.getLong(1);
			long graded = rs.getLong(3);
			long correct = rs.getLong(4);
			long[] sum = totals.computeIfAbsent(prompt, k -> new long[2]);
			sum[0] += graded;
			sum[1] += correct;
			perModel.computeIfAbsent(rs.getLong(2), k -> new HashMap<>()).put(prompt, new long[] { graded, correct });
		});
		return new Difficulty(totals, perModel);
	}

	private static Double mean(double sum, long n) {
		return n == 0 ? null : sum / n;
	}

}
