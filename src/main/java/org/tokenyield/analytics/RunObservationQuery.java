package org.tokenyield.analytics;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.grading.Grading;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Individual successful runs of ONE config, for the figures that need samples (variance,
 * length, parallel, timeline). The query is bounded by the partial index
 * {@code runs_config_idx (model_id,
 * setting, prompt_id) where status = 'SUCCEEDED'}, so it reads one config's rows and
 * nothing else.
 * <p>
 * The voting key of majority@k is the one stored when the run was graded
 * ({@link Grading#votingKey}: "1,000" and "1000" vote together under a numeric rule); no
 * grading rule is applied here, since this is a public read path. Runs graded before keys
 * were stored vote with their extracted answer lower-cased, white space collapsed. An
 * empty key abstains.
 */
@Component
class RunObservationQuery {

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final SimulatedVisibility visibility;

	RunObservationQuery(JdbcClient jdbc, ConfigMeansQuery means, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.means = means;
		this.visibility = visibility;
	}

	/**
	 * Runs of config (model, setting) under the filter (its setting is ignored: the
	 * config names one).
	 */
	@Transactional(readOnly = true)
	List<RunObservation> observations(long modelId, String setting, FigureFilter filter) {
		List<RunObservation> out = new ArrayList<>();
		this.jdbc.sql("""
				select r.prompt_id, p.category, r.sample, r.output_tokens, r.score, r.extracted_answer, r.voting_key,
				       r.finished_at
				  from run_results r join prompt_facts p on p.id = r.prompt_id
				 where r.model_id = :model and r.setting = :setting and r.status = 'SUCCEEDED'
				   and p.status = 'APPROVED'
				   and (:simulated or not r.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or r.dataset = :dataset)
				 order by r.prompt_id, r.sample, r.id""")
			.param("model", modelId)
			.param("setting", setting)
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long prompt = rs.getLong("prompt_id");
				long output = rs.getLong("output_tokens");
				Double generated = rs.wasNull() ? null : (double) output;
				double score = rs.getDouble("score");
				Double graded = rs.wasNull() ? null : score;
				Timestamp finished = rs.getTimestamp("finished_at");
				out.add(new RunObservation(prompt, rs.getString("category"), rs.getInt("sample"), generated, graded,
						votingKey(rs.getString("voting_key"), rs.getString("extracted_answer")),
						finished == null ? null : finished.toInstant()));
			});
		if (filter.difficulty() == null) {
			return out;
		}
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		return out.stream().filter(r -> band.keeps(modelId, r.promptId())).toList();
	}

	static String votingKey(String stored, String extracted) {
		String key = stored != null ? stored : Grading.plainVotingKey(extracted);
		return key.isEmpty() ? null : key;
	}

}
