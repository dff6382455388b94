package org.tokenyield.runs.plans;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a plan's estimate reads: the size of its prompts and each config's output so far.
 */
@Component
class PlanEstimateQuery {

	private final JdbcClient jdbc;

	PlanEstimateQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The approved prompts among {@code ids}: how many, and their UTF-8 bytes together.
	 */
	PlanEstimator.Prompts approvedPrompts(List<Long> ids) {
		Map<String, Object> sizes = this.jdbc.sql("""
				select count(*) as n, coalesce(sum(octet_length(text)), 0) as bytes from prompt_facts
				 where id = any(?) and status = 'APPROVED'""").param(ids.toArray(Long[]::new)).query().singleRow();
		return new PlanEstimator.Prompts(((Number) sizes.get("n")).longValue(),
				((Number) sizes.get("bytes")).longValue());
	}

	/**
	 * The mean output tokens of the version's succeeded runs at the setting, null without
	 * any.
	 */
	Double meanOutputTokens(long modelId, String setting) {
		return this.jdbc.sql("""
				select avg(output_tokens) from runs where model_id = ? and setting = ? and status = 'SUCCEEDED'""")
			.params(modelId, setting)
			.query(Double.class)
			.optional()
			.orElse(null);
	}

}
