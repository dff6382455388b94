package org.tokenyield.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.tokenyield.analytics.calc.PromptWeek;
import org.tokenyield.analytics.calc.TimelineCalculator;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The week sums of ONE config (V25's {@code config_week_stats}), for the timeline: one
 * row per prompt and week, never the runs, so its cost grows with prompts × weeks however
 * many runs a config has. Filtered like every figure: approved prompts, category,
 * dataset, difficulty band, simulated runs only in demo mode.
 */
@Component
class TimelineQuery {

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final SimulatedVisibility visibility;

	TimelineQuery(JdbcClient jdbc, ConfigMeansQuery means, SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.means = means;
		this.visibility = visibility;
	}

	/**
	 * Sums per prompt and week of config (model, setting) under the filter (its setting
	 * is ignored: the config names one).
	 */
	@Transactional(readOnly = true)
	List<PromptWeek> weeks(long modelId, String setting, FigureFilter filter) {
		ConfigMeansQuery.BandFilter band = this.means.bandFilter(filter);
		List<PromptWeek> out = new ArrayList<>();
		this.jdbc.sql("""
				select w.prompt_id, w.week, sum(w.runs), sum(w.n_generated), sum(w.sum_generated), sum(w.n_graded),
				       sum(w.sum_score)
				  from config_week_stats w join prompt_facts p on p.id = w.prompt_id
				 where w.model_id = :model and w.setting = :setting and p.status = 'APPROVED'
				   and (:simulated or not w.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or w.dataset = :dataset)
				 group by w.prompt_id, w.week
				 order by w.prompt_id, w.week""")
			.param("model", modelId)
			.param("setting", setting)
			.param("simulated", this.visibility.showsSimulated())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long prompt = rs.getLong(1);
				if (band.keeps(modelId, prompt)) {
					LocalDate monday = rs.getObject(2, LocalDate.class);
					out.add(new PromptWeek(prompt,
							TimelineCalculator.isoWeek(monday.atStartOfDay(ZoneOffset.UTC).toInstant()), rs.getLong(3),
							rs.getLong(4), rs.getDouble(5), rs.getLong(6), rs.getDouble(7)));
				}
			});
		return out;
	}

}
