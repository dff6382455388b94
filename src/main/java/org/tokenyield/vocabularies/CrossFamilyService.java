package org.tokenyield.vocabularies;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.tokenyield.analytics.calc.Bootstrap;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the stored input-token counts of every offline tokenizer and hands them to
 * {@link CrossFamilyDrift}. Used by the API ({@code /api/v1/tokenizer-drift}) and by the compare
 * page's fragment (as the bean {@code crossFamilyService}), so both show the same numbers.
 */
@Service
public class CrossFamilyService {

	/** The baseline when none is asked for: the newest OpenAI encoding. */
	public static final String DEFAULT_BASELINE = "tokenizer/o200k_base";

	static final String TOKENIZER_PROVIDER = "tokenizer";

	private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private final JdbcClient jdbc;

	private final CatalogService catalog;

	private final CrossFamilyDrift drift = new CrossFamilyDrift(Bootstrap.standard());

	CrossFamilyService(JdbcClient jdbc, CatalogService catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
	}

	/**
	 * The figure over one dataset, against one baseline tokenizer; rows only for tokenizers with
	 * counts. {@code scripts} and {@code categories} list the groups present, in table order.
	 */
	public record Report(String baseline, String dataset, int prompts, List<String> scripts, List<String> categories,
			List<CrossFamilyDrift.Row> tokenizers) {

		Report(String baseline, String dataset, int prompts, List<CrossFamilyDrift.Row> tokenizers) {
			this(baseline, dataset, prompts,
					java.util.Arrays.stream(Script.values())
						.map(Script::apiName)
						.filter(s -> tokenizers.stream().anyMatch(r -> r.byScript().containsKey(s)))
						.toList(),
					tokenizers.stream().flatMap(r -> r.byCategory().keySet().stream()).distinct().sorted().toList(),
					tokenizers);
		}

	}

	/** The live figure against the default baseline: what the compare page shows. */
	public Report live() {
		return report(null, null);
	}

	public Report report(String baseline, String dataset) {
		String base = (baseline == null || baseline.isBlank()) ? DEFAULT_BASELINE : baseline.strip();
		String set = (dataset == null || dataset.isBlank()) ? "live" : dataset.strip();
		if (!DATASET.matcher(set).matches()) {
			throw new InvalidInputException("dataset", "must be a dataset label (letters, digits, _ . -)");
		}
		List<String> tokenizers = this.catalog.all()
			.stream()
			.filter(v -> TOKENIZER_PROVIDER.equals(v.provider()) && !v.simulated())
			.map(ModelVersion::key)
			.toList();
		if (!tokenizers.contains(base)) {
			throw new InvalidInputException("baseline",
					"must be an offline tokenizer version, one of " + String.join(", ", tokenizers));
		}
		List<TokenCount> counts = counts(set);
		List<String> counted = tokenizers.stream()
			.filter(key -> counts.stream().anyMatch(c -> c.model().equals(key)))
			.toList();
		int prompts = (int) counts.stream().filter(c -> c.model().equals(base)).count();
		return new Report(base, set, prompts, this.drift.compare(base, counted, counts));
	}

	/**
	 * The latest successful count per tokenizer and approved prompt. A tokenizer run is never
	 * simulated; the filter keeps it that way should a simulated row ever carry this provider.
	 */
	private List<TokenCount> counts(String dataset) {
		Map<Long, Script> scripts = new HashMap<>();
		Map<Long, Long> chars = new HashMap<>();
		return this.jdbc.sql("""
				select distinct on (r.model_id, r.prompt_id)
				       mv.model_key, p.id as prompt_id, p.category, p.text, r.input_tokens
				  from runs r
				  join model_versions mv on mv.id = r.model_id
				  join prompts p on p.id = r.prompt_id
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
