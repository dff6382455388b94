package org.tokenyield.analytics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tokenyield.analytics.calc.LatencyBuckets;
import org.tokenyield.analytics.calc.TimePerTask;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time per task of some configs from the latency buckets the writes keep per (config,
 * prompt) (migration V31, {@code config_latency_stats}): never from the runs, so its cost
 * is bounded by prompts x buckets whatever the history. Approved prompts only, simulated
 * runs only in demo mode, filtered like every figure; with a difficulty band the counts
 * are read per prompt, so the band can be applied.
 */
@Component
class LatencyQuery {

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final SimulatedVisibility visibility;

	LatencyQuery(JdbcClient jdbc, ConfigMeansQuery means, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.means = means;
		this.visibility = visibility;
	}

	@Transactional(readOnly = true)
	Map<ConfigKey, TimePerTask> time(FigureFilter filter, Collection<ConfigKey> configs) {
		Map<ConfigKey, TimePerTask> out = new LinkedHashMap<>();
		if (configs.isEmpty()) {
			return out;
		}
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		boolean perPrompt = filter.difficulty() != null;
		String prompt = perPrompt ? "s.prompt_id" : "cast(0 as bigint)";
		String byPrompt = perPrompt ? ", s.prompt_id" : "";
		Map<ConfigKey, Sums> sums = new LinkedHashMap<>();
		this.jdbc.sql("""
				select s.model_id, s.setting, %s as prompt_id, s.bucket, sum(s.runs) as runs,
				       sum(s.sum_latency_ms) as sum_latency_ms, sum(s.sum_output) as sum_output
				  from unnest(cast(:models as bigint[]), cast(:settings as text[])) as c(model_id, setting)
				  join config_latency_stats s on s.model_id = c.model_id and s.setting = c.setting
				  join prompt_facts p on p.id = s.prompt_id
				 where p.status = 'APPROVED' and (:simulated or not s.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or s.dataset = :dataset)
				 group by s.model_id, s.setting, s.bucket%s""".formatted(prompt, byPrompt))
			.params(ConfigKey.unnestParameters(configs))
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long model = rs.getLong("model_id");
				if (!perPrompt || band.keeps(model, rs.getLong("prompt_id"))) {
					Sums s = sums.computeIfAbsent(new ConfigKey(model, rs.getString("setting")), k -> new Sums());
					s.counts[rs.getInt("bucket")] += rs.getLong("runs");
					s.latency += rs.getDouble("sum_latency_ms");
					s.output += rs.getDouble("sum_output");
				}
			});
		sums.forEach((k, s) -> out.put(k, TimePerTask.of(s.counts, s.latency, s.output)));
		return out;
	}

	private static final class Sums {

		final long[] counts = new long[LatencyBuckets.LAST + 1];

		double latency;

		double output;

	}

}
