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
class CostQuery {

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

		ConfigCost plus(ConfigCost other) {
			return new ConfigCost(this.billedUsd + other.billedUsd, this.judgeUsd + other.judgeUsd,
					this.billedFailedRuns + other.billedFailedRuns);
		}

	}

	/**
	 * What each config of a summary read cost: its billed sums plus the runs that failed
	 * after being billed, under the same filter.
	 */
	@Transactional(readOnly = true)
	Map<ConfigKey, ConfigCost> costs(FigureFilter filter, Map<ConfigKey, ConfigTotals> configs) {
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		Map<ConfigKey, ConfigCost> out = new LinkedHashMap<>();
		configs.forEach((config, totals) -> out.put(config, new ConfigCost(totals.billedUsd(), totals.judgeUsd(), 0)));
		this.jdbc.sql("""
				select r.model_id, r.setting, r.prompt_id, sum(r.billed_cost_usd)::double precision as billed,
				       count(*) as failed
				  from run_results r join prompt_facts p on p.id = r.prompt_id
				 where r.status = 'FAILED' and r.billed_cost_usd > 0
				   and p.status = 'APPROVED' and (:simulated or not r.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or r.dataset = :dataset)
				 group by r.model_id, r.setting, r.prompt_id""")
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long model = rs.getLong("model_id");
				if (band.keeps(model, rs.getLong("prompt_id"))) {
					out.merge(new ConfigKey(model, rs.getString("setting")),
							new ConfigCost(rs.getDouble("billed"), 0, rs.getInt("failed")), ConfigCost::plus);
				}
			});
		return out;
	}

}
