package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.calc.FinishCounts;
import org.tokenyield.system.Setting;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the successful runs of some configs ended (issue 11 item 1): runs reporting reasoning and
 * those over the {@code thinking:N} budget, runs with a finish reason and those cut at the
 * output cap. Read from the runs table (the summary keeps no per-run outcome), one config list at
 * a time through the partial index {@code runs_config_idx}; approved prompts only, simulated runs
 * only in demo mode, filtered like every figure. FAILED runs are not counted: they have no usage
 * and no finish reason to judge.
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
		List<Long> models = new ArrayList<>();
		List<String> settings = new ArrayList<>();
		List<Long> budgets = new ArrayList<>();
		for (ConfigKey c : configs) {
			Setting setting = Setting.parse(c.setting());
			models.add(c.modelId());
			settings.add(c.setting());
			// the budget a run may overrun; none (null, so nothing counts) outside thinking:N
			budgets.add(setting.kind() == Setting.Kind.THINKING ? (long) setting.budget() : null);
		}
		ConfigMeansQuery.Difficulty difficulty = (filter.difficulty() == null) ? null : this.means.difficulty();
		this.jdbc.sql("""
				select r.model_id, r.setting, r.prompt_id,
				       count(r.reasoning_tokens) as reasoning_known,
				       count(*) filter (where r.reasoning_tokens > c.budget) as overran,
				       count(r.finish_reason) as finish_known,
				       count(*) filter (where r.finish_reason = 'length') as truncated
				  from unnest(cast(:models as bigint[]), cast(:settings as text[]), cast(:budgets as bigint[]))
				       as c(model_id, setting, budget)
				  join runs r on r.model_id = c.model_id and r.setting = c.setting and r.status = 'SUCCEEDED'
				  join prompts p on p.id = r.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not r.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or r.dataset = :dataset)
				 group by r.model_id, r.setting, r.prompt_id""")
			.param("models", models.toArray(Long[]::new))
			.param("settings", settings.toArray(String[]::new))
			.param("budgets", budgets.toArray(Long[]::new))
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long model = rs.getLong("model_id");
				if (difficulty != null && !difficulty.isIn(filter.difficulty(), model, rs.getLong("prompt_id"))) {
					return;
				}
				FinishCounts prompt = new FinishCounts(rs.getLong("reasoning_known"), rs.getLong("overran"),
						rs.getLong("finish_known"), rs.getLong("truncated"));
				out.merge(new ConfigKey(model, rs.getString("setting")), prompt, FinishCounts::plus);
			});
		return out;
	}

}
