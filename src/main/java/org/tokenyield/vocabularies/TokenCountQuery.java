package org.tokenyield.vocabularies;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored input-token counts of the offline tokenizers: the latest successful count
 * per tokenizer and approved prompt of one dataset, with the prompt's category, script
 * and length.
 */
@Component
class TokenCountQuery {

	private final JdbcClient jdbc;

	TokenCountQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A tokenizer run is never simulated; the filter keeps it that way should a simulated
	 * row ever carry this provider.
	 */
	List<TokenCount> counts(String dataset) {
		Map<Long, Script> scripts = new HashMap<>();
		Map<Long, Long> chars = new HashMap<>();
		return this.jdbc.sql("""
				select distinct on (r.model_id, r.prompt_id)
				       mv.model_key, p.id as prompt_id, p.category, p.text, r.input_tokens
				  from run_results r
				  join catalog_models mv on mv.id = r.model_id
				  join prompt_facts p on p.id = r.prompt_id
				 where mv.provider = 'tokenizer' and not mv.simulated and not r.simulated
				   and r.status = 'SUCCEEDED' and r.input_tokens is not null
				   and p.status = 'APPROVED' and r.dataset = :dataset
				 order by r.model_id, r.prompt_id, r.finished_at desc nulls last, r.id desc""")
			.param("dataset", dataset)
			.query((rs, i) -> {
				long prompt = rs.getLong("prompt_id");
				String category = rs.getString("category");
				String text = rs.getString("text");
				Script script = scripts.computeIfAbsent(prompt, id -> Script.of(category, text));
				long length = chars.computeIfAbsent(prompt, id -> (long) text.codePointCount(0, text.length()));
				return new TokenCount(rs.getString("model_key"), prompt, category, script, length,
						rs.getLong("input_tokens"));
			})
			.list();
	}

}
