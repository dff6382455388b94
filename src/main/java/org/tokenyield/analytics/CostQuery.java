package org.tokenyield.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each config cost as billed, and what its judge cost (docs/methodology-notes.md
 * "Honest cost"): the summary's sums over successful runs, plus the runs that failed
 * after being billed (few, read from {@code runs} through a partial index). Same filters
 * and visibility as {@link ConfigMeansQuery}; a prompt outside the difficulty band asked
 * for is left out.
 */
@Component
public class CostQuery {

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final SimulatedVisibility visibility;

	CostQuery(JdbcClient jdbc, ConfigMeansQuery means, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.means = means;
		this.visibility = visibility;
	}

	/**
	 * @param billedUsd successful runs as billed (each one's billed failed attempts
	 * before it included) plus the runs that failed after being billed
	 * @param judgeUsd the judge's calls grading the config's runs, never part of
	 * {@code billedUsd}
	 * @param billedFailedRuns runs that failed and were billed all the same
	 */
	public record ConfigCost(double billedUsd, double judgeUsd, int billedFailedRuns) {
	}

	@Transactional(readOnly = true)
	public Map<ConfigKey, ConfigCost> costs(FigureFilter filter) {
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		Map<ConfigKey, ConfigCost> out = new LinkedHashMap<>();
		this.jdbc
			.sql("""
					select t.model_id, t.setting, t.prompt_id, sum(t.billed) as billed, sum(t.judge) as judge,
					       sum(t.failed) as failed
					  from (select s.model_id, s.setting, s.prompt_id, s.billed_cost_usd as billed, s.judge_cost_usd as judge,
					               0 as failed, s.simulated, s.dataset
					          from config_prompt_stats s
					        union all
					        select r.model_id, r.setting, r.prompt_id, r.billed_cost_usd::double precision, 0, 1,
					               r.simulated, r.dataset
					          from run_results r
					         where r.status = 'FAILED' and r.billed_cost_usd > 0) t
					  join prompt_facts p on p.id = t.prompt_id
					 where p.status = 'APPROVED' and (:simulated or not t.simulated)
					   and (cast(:category as text) is null or p.category = :category)
					   and (cast(:dataset as text) is null or t.dataset = :dataset)
					 group by t.model_id, t.setting, t.prompt_id""")
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long model = rs.getLong("model_id");
				if (!band.keeps(model, rs.getLong("prompt_id"))) {
					return;
				}
				ConfigCost prompt = new ConfigCost(rs.getDouble("billed"), rs.getDouble("judge"), rs.getInt("failed"));
				out.merge(new ConfigKey(model, rs.getString("setting")), prompt,
						(a, b) -> new ConfigCost(a.billedUsd() + b.billedUsd(), a.judgeUsd() + b.judgeUsd(),
								a.billedFailedRuns() + b.billedFailedRuns()));
			});
		return out;
	}

}
