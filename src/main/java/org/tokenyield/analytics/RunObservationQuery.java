package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;

import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.grading.Grading;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Individual successful runs of ONE config, for the figures that need samples (length and
 * parallel), without their category or finish time, which neither needs. It reads one
 * config's rows and nothing else; its cost grows with them (500,000 at 10M stored runs),
 * which is why these figures recompute on the slow lane (docs/live-figures.md).
 * <p>
 * The voting key of majority@k is the one stored when the run was graded
 * ({@link Grading#votingKey}: "1,000" and "1000" vote together under a numeric rule); no
 * grading rule is applied here, since this is a public read path. Runs graded before keys
 * were stored vote with their extracted answer lower-cased, white space collapsed. An
 * empty key abstains; a run with neither key nor extracted answer carries no answer (an
 * import without one, a judge not yet asked), which is not the same: majority@k of a
 * config where no run carries one is null.
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
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		List<RunObservation> out = new ArrayList<>();
		// 500,000 rows of a config at 10M stored runs: their sort spilled to disk under
		// the default work_mem of 4 MB; for this transaction only
		this.jdbc.sql("set local work_mem = '64MB'").update();
		this.jdbc.sql("""
				select r.prompt_id, r.sample, r.output_tokens, r.score, r.voting_key,
				       case when r.voting_key is null then r.extracted_answer end
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
			.withFetchSize(ConfigMeansQuery.FETCH_SIZE)
			.query(rs -> {
				// by position, and only what length and parallel read: the finish time
				// and the category (parsed per row) took more time than the rows
				// themselves
				long prompt = rs.getLong(1);
				if (!band.keeps(modelId, prompt)) {
					return;
				}
				long output = rs.getLong(3);
				Double generated = rs.wasNull() ? null : (double) output;
				double score = rs.getDouble(4);
				Double graded = rs.wasNull() ? null : score;
				out.add(new RunObservation(prompt, rs.getInt(2), generated, graded,
						votingKey(rs.getString(5), rs.getString(6))));
			});
		return out;
	}

	static String votingKey(String stored, String extracted) {
		if (stored != null) {
			return stored;
		}
		return extracted == null ? null : Grading.plainVotingKey(extracted);
	}

}
