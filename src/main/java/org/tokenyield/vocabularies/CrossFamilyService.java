package org.tokenyield.vocabularies;

import java.util.List;
import java.util.regex.Pattern;

import org.tokenyield.analytics.calc.Bootstrap;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Service;

/**
 * Reads the stored input-token counts of every offline tokenizer and hands them to
 * {@link CrossFamilyDrift}. Used by the API ({@code /api/v1/tokenizer-drift}) and by the
 * compare page's fragment (as the bean {@code crossFamilyService}), so both show the same
 * numbers.
 */
@Service
public class CrossFamilyService {

	/** The baseline when none is asked for: the newest OpenAI encoding. */
	public static final String DEFAULT_BASELINE = "tokenizer/o200k_base";

	static final String TOKENIZER_PROVIDER = "tokenizer";

	private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private final TokenCountQuery counts;

	private final CatalogService catalog;

	private final CrossFamilyDrift drift = new CrossFamilyDrift(Bootstrap.standard());

	CrossFamilyService(TokenCountQuery counts, CatalogService catalog) {
		this.counts = counts;
		this.catalog = catalog;
	}

	/**
	 * The figure over one dataset, against one baseline tokenizer; rows only for
	 * tokenizers with counts. {@code scripts} and {@code categories} list the groups
	 * present, in table order.
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
		List<TokenCount> counts = this.counts.counts(set);
		List<String> counted = tokenizers.stream()
			.filter(key -> counts.stream().anyMatch(c -> c.model().equals(key)))
			.toList();
		int prompts = (int) counts.stream().filter(c -> c.model().equals(base)).count();
		return new Report(base, set, prompts, this.drift.compare(base, counted, counts));
	}

}
