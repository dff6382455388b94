package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.calc.AccuracyWithoutTruncated.PromptScores;
import org.tokenyield.analytics.calc.FinishCounts;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the successful runs of some configs ended (docs/methodology-notes.md): runs
 * reporting reasoning and those over the {@code thinking:N} budget, runs with a finish
 * reason and those cut at the output cap. Read from the summary's per-prompt counts
 * (migration V18 keeps them from the runs' finish reasons and the SQL function
 * {@code thinking_budget}), so the cost does not grow with the history; approved prompts
 * only, simulated runs only in demo mode, filtered like every figure. FAILED runs are not
 * counted: they have no usage and no finish reason to judge.
 */
@Component
class FinishCountsQuery {

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final SimulatedVisibility visibility;

	FinishCountsQuery(JdbcClient jdbc, ConfigMeansQuery means, SimulatedVisibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.means = means;
	}

	@Transactional(readOnly = true)
	Map<ConfigKey, FinishCounts> counts(FigureFilter filter, Collection<ConfigKey> configs) {
		Map<ConfigKey, FinishCounts> out = new LinkedHashMap<>();
		if (configs.isEmpty()) {
			return out;
		}
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, sum(s.n_reasoning) as reasoning_known,
				       sum(s.n_overran) as overran, sum(s.n_finish) as finish_known, sum(s.n_truncated) as truncated
				  from unnest(cast(:models as bigint[]), cast(:settings as text[])) as c(model_id, setting)
				  join config_prompt_stats s on s.model_id = c.model_id and s.setting = c.setting
				  join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				 group by s.model_id, s.setting, s.prompt_id""")
			.params(ConfigKey.unnestParameters(configs))
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long model = rs.getLong("model_id");
				if (!band.keeps(model, rs.getLong("prompt_id"))) {
					return;
				}
				FinishCounts prompt = new FinishCounts(rs.getLong("reasoning_known"), rs.getLong("overran"),
						rs.getLong("finish_known"), rs.getLong("truncated"));
				out.merge(new ConfigKey(model, rs.getString("setting")), prompt, FinishCounts::plus);
			});
		return out;
	}

	/**
	 * How each config's runs ended ({@link #counts}) and its graded runs per prompt with
	 * those of them cut at the output cap (V31), for the accuracy without truncated runs,
	 * in one read.
	 */
	record Tallies(Map<ConfigKey, FinishCounts> counts, Map<ConfigKey, List<PromptScores>> scores) {

		/** Tallies to {@link #add} to. */
		static Tallies empty() {
			return new Tallies(new LinkedHashMap<>(), new LinkedHashMap<>());
		}

		/**
		 * Adds one (config, prompt) group: its finish counts, and its scores when it has
		 * graded runs.
		 */
		void add(ConfigKey config, FinishCounts finish, PromptScores prompt) {
			this.counts.merge(config, finish, FinishCounts::plus);
			if (prompt.graded() > 0) {
				this.scores.computeIfAbsent(config, k -> new ArrayList<>()).add(prompt);
			}
		}

	}

	@Transactional(readOnly = true)
	Tallies tallies(FigureFilter filter, Collection<ConfigKey> configs) {
		Tallies tallies = Tallies.empty();
		if (configs.isEmpty()) {
			return tallies;
		}
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		this.jdbc.sql("""
				select s.model_id, s.setting, s.prompt_id, sum(s.n_reasoning) as reasoning_known,
				       sum(s.n_overran) as overran, sum(s.n_finish) as finish_known, sum(s.n_truncated) as truncated,
				       sum(s.n_graded) as graded, sum(s.sum_score) as sum_score,
				       sum(s.n_graded_truncated) as graded_truncated, sum(s.sum_score_truncated) as sum_score_truncated
				  from unnest(cast(:models as bigint[]), cast(:settings as text[])) as c(model_id, setting)
				  join config_prompt_stats s on s.model_id = c.model_id and s.setting = c.setting
				  join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				 group by s.model_id, s.setting, s.prompt_id""")
			.params(ConfigKey.unnestParameters(configs))
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long model = rs.getLong("model_id");
				long prompt = rs.getLong("prompt_id");
				if (!band.keeps(model, prompt)) {
					return;
				}
				tallies.add(new ConfigKey(model, rs.getString("setting")),
						new FinishCounts(rs.getLong("reasoning_known"), rs.getLong("overran"),
								rs.getLong("finish_known"), rs.getLong("truncated")),
						new PromptScores(prompt, rs.getLong("graded"), rs.getDouble("sum_score"),
								rs.getLong("graded_truncated"), rs.getDouble("sum_score_truncated")));
			});
		return tallies;
	}

}
