package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;

import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The latest successful runs of one config that carry their visible answer and billed
 * output (docs/methodology-notes.md "Unseen tokens"), at most {@link #LIMIT}: the unseen
 * tokens are counted on them, so the figure reads a bounded number of runs whatever the
 * history. Filtered like every figure; a prompt outside the difficulty band asked for is
 * dropped after the read.
 */
@Component
class UnseenRunsQuery {

	/** Runs read per config: the newest ones. */
	static final int LIMIT = 200;

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final SimulatedVisibility visibility;

	UnseenRunsQuery(JdbcClient jdbc, ConfigMeansQuery means, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.means = means;
		this.visibility = visibility;
	}

	/** One run: its billed output, reported reasoning (null: not reported), answer. */
	record AnswerRun(long output, Long reasoning, String answer) {
	}

	@Transactional(readOnly = true)
	List<AnswerRun> latest(long modelId, String setting, FigureFilter filter) {
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		List<AnswerRun> out = new ArrayList<>();
		this.jdbc.sql("""
				select r.prompt_id, r.output_tokens, r.reasoning_tokens, r.answer
				  from run_results r join prompt_facts p on p.id = r.prompt_id
				 where r.model_id = :model and r.setting = :setting and r.status = 'SUCCEEDED'
				   and r.answer is not null and r.output_tokens is not null
				   and p.status = 'APPROVED' and (:simulated or not r.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or r.dataset = :dataset)
				 order by r.id desc
				 limit :limit""")
			.param("model", modelId)
			.param("setting", setting)
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.param("limit", LIMIT)
			.query(rs -> {
				if (band.keeps(modelId, rs.getLong("prompt_id"))) {
					out.add(new AnswerRun(rs.getLong("output_tokens"), rs.getObject("reasoning_tokens", Long.class),
							rs.getString("answer")));
				}
			});
		return out;
	}

}
