package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public class ConfigMeansQuery {

	private final JdbcClient jdbc;

	private final SimulatedVisibility visibility;

	ConfigMeansQuery(JdbcClient jdbc, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.visibility = visibility;
	}

	/**
	 * Means of the given versions (all when empty), by config, in model and setting
	 * order.
	 */
	@Transactional(readOnly = true)
	public Map<ConfigKey, List<PromptMeans>> means(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<PromptMeans>> byConfig = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, p.category, sum(s.runs) as runs,
				       sum(s.n_input) as n_input, sum(s.sum_input) as sum_input,
				       sum(s.n_generated) as n_generated, sum(s.sum_generated) as sum_generated,
				       sum(s.n_reasoning) as n_reasoning, sum(s.sum_reasoning) as sum_reasoning,
				       sum(s.n_graded) as n_graded, sum(s.sum_score) as sum_score, sum(s.correct) as correct,
				       sum(s.cost_usd) as cost
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
				ConfigKey key = new ConfigKey(rs.getLong("model_id"), rs.getString("setting"));
				byConfig.computeIfAbsent(key, k -> new ArrayList<>())
					.add(new PromptMeans(rs.getLong("prompt_id"), rs.getString("category"),
							mean(rs.getDouble("sum_input"), rs.getLong("n_input")),
							mean(rs.getDouble("sum_generated"), rs.getLong("n_generated")),
							mean(rs.getDouble("sum_reasoning"), rs.getLong("n_reasoning")),
							mean(rs.getDouble("sum_score"), rs.getLong("n_graded")), rs.getInt("runs"),
							rs.getInt("correct"), rs.getDouble("cost")));
			});
		if (filter.difficulty() == null) {
			return byConfig;
		}
		BandFilter band = bandFilter(filter);
		Map<ConfigKey, List<PromptMeans>> kept = new LinkedHashMap<>();
		byConfig.forEach((key, list) -> {
			List<PromptMeans> filtered = list.stream().filter(m -> band.keeps(key.modelId(), m.promptId())).toList();
			if (!filtered.isEmpty()) {
				kept.put(key, filtered);
			}
		});
		return kept;
	}

	/** Rows of the summary table (a gauge of its size, see FigureMetrics). */
	@Transactional(readOnly = true)
	public long summaryRows() {
		return this.jdbc.sql("select count(*) from config_prompt_stats").query(Long.class).single();
	}

	/**
	 * Cost nondeterminism per config (METRICS.md section 4) from the summary's sums of
	 * squares, minima and maxima, computed by {@link VarianceCalculator} (the class the
	 * {@code /variance} figure uses) without reading a single run. Rows of several
	 * datasets combine exactly.
	 */
	@Transactional(readOnly = true)
	public Map<ConfigKey, VarianceSummary> spread(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<PromptVariance>> byConfig = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, p.category, sum(s.n_generated) as n,
				       sum(s.sum_generated) as total, sum(s.sumsq_generated) as sumsq, min(s.min_generated) as lo,
				       max(s.max_generated) as hi
				  from config_prompt_stats s join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				   and (cardinality(cast(:models as bigint[])) = 0 or s.model_id = any(cast(:models as bigint[])))
				 group by s.model_id, s.setting, s.prompt_id, p.category
				having sum(s.n_generated) >= 2
				 order by s.model_id, s.setting, s.prompt_id""")
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.param("models", modelIds.toArray(Long[]::new))
			.query(rs -> {
				ConfigKey key = new ConfigKey(rs.getLong("model_id"), rs.getString("setting"));
				VarianceCalculator
					.fromMoments(rs.getLong("prompt_id"), rs.getString("category"), rs.getLong("n"),
							rs.getDouble("total"), rs.getDouble("sumsq"), rs.getDouble("lo"), rs.getDouble("hi"))
					.ifPresent(row -> byConfig.computeIfAbsent(key, k -> new ArrayList<>()).add(row));
			});
		BandFilter band = bandFilter(filter);
		Map<ConfigKey, VarianceSummary> out = new LinkedHashMap<>();
		byConfig.forEach((key, rows) -> {
			List<PromptVariance> kept = rows.stream().filter(r -> band.keeps(key.modelId(), r.promptId())).toList();
			if (!kept.isEmpty()) {
				out.put(key, VarianceCalculator.of(kept));
			}
		});
		return out;
	}

	/**
	 * METRICS.md section 7: graded and correct runs per prompt, overall and per version,
	 * so the band of a prompt as seen from a version uses only the other versions' runs.
	 */
	public record Difficulty(Map<Long, long[]> totals, Map<Long, Map<Long, long[]>> perModel) {

		public Band band(long modelId, long promptId) {
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
	public BandFilter bandFilter(FigureFilter filter) {
		if (filter.difficulty() == null) {
			return (modelId, promptId) -> true;
		}
		Difficulty difficulty = difficulty();
		return (modelId, promptId) -> difficulty.band(modelId, promptId).apiName().equals(filter.difficulty());
	}

	@Transactional(readOnly = true)
	public Difficulty difficulty() {
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
