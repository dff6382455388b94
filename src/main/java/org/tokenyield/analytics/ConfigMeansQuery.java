package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.calc.PromptMeans;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-prompt means per config from the summary (never from the runs table), filtered by
 * category, dataset, setting and difficulty band. Simulated versions count only in demo mode.
 */
@Component
public class ConfigMeansQuery {

	private final JdbcClient jdbc;

	private final boolean demo;

	ConfigMeansQuery(JdbcClient jdbc, @Value("${app.demo:false}") boolean demo) {
		this.jdbc = jdbc;
		this.demo = demo;
	}

	public boolean demo() {
		return this.demo;
	}

	/** Means of the given versions (all when empty), by config, in model and setting order. */
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
				  from config_prompt_stats s join prompts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				   and (cardinality(cast(:models as bigint[])) = 0 or s.model_id = any(cast(:models as bigint[])))
				 group by s.model_id, s.setting, s.prompt_id, p.category
				 order by s.model_id, s.setting, s.prompt_id""")
			.param("simulated", this.demo)
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
		Difficulty difficulty = difficulty();
		Map<ConfigKey, List<PromptMeans>> kept = new LinkedHashMap<>();
		byConfig.forEach((key, list) -> {
			List<PromptMeans> filtered = list.stream()
				.filter(m -> filter.difficulty().equals(difficulty.band(key.modelId(), m.promptId())))
				.toList();
			if (!filtered.isEmpty()) {
				kept.put(key, filtered);
			}
		});
		return kept;
	}

	/**
	 * Cost nondeterminism per config (METRICS.md section 4) from the summary's sums of squares,
	 * minima and maxima: the same definition as
	 * {@link org.tokenyield.analytics.calc.VarianceCalculator} (sample sd with n − 1; prompts with
	 * at least 2 runs with known tokens and a positive mean; min 0 counts as max/min > 2), without
	 * reading a single run. Rows of several datasets combine exactly.
	 */
	@Transactional(readOnly = true)
	public Map<ConfigKey, Spread> spread(FigureFilter filter, List<Long> modelIds) {
		Map<ConfigKey, List<double[]>> byConfig = new LinkedHashMap<>(); // {promptId, cv, aboveTwo}
		this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, sum(s.n_generated) as n, sum(s.sum_generated) as total,
				       sum(s.sumsq_generated) as sumsq, min(s.min_generated) as lo, max(s.max_generated) as hi
				  from config_prompt_stats s join prompts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				   and (cardinality(cast(:models as bigint[])) = 0 or s.model_id = any(cast(:models as bigint[])))
				 group by s.model_id, s.setting, s.prompt_id
				having sum(s.n_generated) >= 2
				 order by s.model_id, s.setting, s.prompt_id""")
			.param("simulated", this.demo)
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.param("models", modelIds.toArray(Long[]::new))
			.query(rs -> {
				long n = rs.getLong("n");
				double total = rs.getDouble("total");
				double mean = total / n;
				if (!(mean > 0)) {
					return;
				}
				double var = Math.max(0, (rs.getDouble("sumsq") - total * mean) / (n - 1));
				double lo = rs.getDouble("lo");
				double hi = rs.getDouble("hi");
				boolean above = lo <= 0 || hi / lo > 2;
				byConfig.computeIfAbsent(new ConfigKey(rs.getLong("model_id"), rs.getString("setting")), k -> new ArrayList<>())
					.add(new double[] { rs.getLong("prompt_id"), Math.sqrt(var) / mean, above ? 1 : 0 });
			});
		Difficulty difficulty = (filter.difficulty() == null) ? null : difficulty();
		Map<ConfigKey, Spread> out = new LinkedHashMap<>();
		byConfig.forEach((key, rows) -> {
			double[] cvs = rows.stream()
				.filter(r -> difficulty == null || filter.difficulty().equals(difficulty.band(key.modelId(), (long) r[0])))
				.mapToDouble(r -> r[1])
				.sorted()
				.toArray();
			long above = rows.stream()
				.filter(r -> difficulty == null || filter.difficulty().equals(difficulty.band(key.modelId(), (long) r[0])))
				.filter(r -> r[2] == 1)
				.count();
			if (cvs.length > 0) {
				int m = cvs.length;
				double median = (m % 2 == 1) ? cvs[m / 2] : (cvs[m / 2 - 1] + cvs[m / 2]) / 2;
				out.put(key, new Spread(m, median, (double) above / m));
			}
		});
		return out;
	}

	/** Median CV_p and share of prompts with max/min > 2 of one config, over {@code prompts} prompts. */
	public record Spread(int prompts, double medianCv, double shareRatioAboveTwo) {
	}

	/**
	 * METRICS.md section 7: graded and correct runs per prompt, overall and per version, so the
	 * band of a prompt as seen from a version uses only the other versions' runs.
	 */
	public record Difficulty(Map<Long, long[]> totals, Map<Long, Map<Long, long[]>> perModel) {

		public String band(long modelId, long promptId) {
			long[] all = this.totals.getOrDefault(promptId, new long[2]);
			long[] own = this.perModel.getOrDefault(modelId, Map.of()).getOrDefault(promptId, new long[2]);
			return ConfigMeansQuery.band(all[0] - own[0], all[1] - own[1]);
		}

	}

	@Transactional(readOnly = true)
	public Difficulty difficulty() {
		Map<Long, long[]> totals = new HashMap<>();
		Map<Long, Map<Long, long[]>> perModel = new HashMap<>();
		this.jdbc.sql("""
				select s.prompt_id, s.model_id, sum(s.n_graded) as graded, sum(s.correct) as correct
				  from config_prompt_stats s join prompts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated) and s.n_graded > 0
				 group by s.prompt_id, s.model_id""")
			.param("simulated", this.demo)
			.query(rs -> {
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

	static String band(long graded, long correct) {
		if (graded < 3) {
			return "unknown";
		}
		double rate = (double) correct / graded;
		return rate >= 0.8 ? "easy" : rate >= 0.3 ? "medium" : "hard";
	}

	private static Double mean(double sum, long n) {
		return n == 0 ? null : sum / n;
	}

}
