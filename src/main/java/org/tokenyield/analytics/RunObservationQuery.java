package org.tokenyield.analytics;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.grading.GradingRules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Individual successful runs of ONE config, for the figures that need samples (variance, length,
 * parallel, timeline). The query is bounded by the partial index {@code runs_config_idx (model_id,
 * setting, prompt_id) where status = 'SUCCEEDED'}, so it reads one config's rows and nothing else.
 * <p>
 * The voting key of majority@k is the stored extracted answer normalized by the prompt's own
 * grading rule ({@link Grading#normalizedAnswer}): "1,000" and "1000" vote together under a numeric
 * rule. The rule is parsed once per prompt; when it cannot be read the key falls back to the
 * extracted answer lower-cased with white space collapsed. An empty key abstains.
 */
@Component
public class RunObservationQuery {

	private final JdbcClient jdbc;

	private final ConfigMeansQuery means;

	private final JsonMapper json;

	RunObservationQuery(JdbcClient jdbc, ConfigMeansQuery means, JsonMapper json) {
		this.jdbc = jdbc;
		this.means = means;
		this.json = json;
	}

	/** Runs of config (model, setting) under the filter (its setting is ignored: the config names one). */
	@Transactional(readOnly = true)
	public List<RunObservation> observations(long modelId, String setting, FigureFilter filter) {
		Map<Long, Optional<GradingRule>> rules = new HashMap<>();
		List<RunObservation> out = new ArrayList<>();
		this.jdbc.sql("""
				select r.prompt_id, p.category, p.grader, r.sample, r.output_tokens, r.score, r.extracted_answer,
				       r.finished_at
				  from runs r join prompts p on p.id = r.prompt_id
				 where r.model_id = :model and r.setting = :setting and r.status = 'SUCCEEDED'
				   and p.status = 'APPROVED'
				   and (:simulated or not r.simulated)
				   and (cast(:category as text) is null or p.category = :category)
				   and (cast(:dataset as text) is null or r.dataset = :dataset)
				 order by r.prompt_id, r.sample, r.id""")
			.param("model", modelId)
			.param("setting", setting)
			.param("simulated", this.means.demo())
			.param("category", filter.category())
			.param("dataset", filter.dataset())
			.query(rs -> {
				long prompt = rs.getLong("prompt_id");
				String grader = rs.getString("grader");
				Optional<GradingRule> rule = rules.computeIfAbsent(prompt, id -> parse(grader));
				long output = rs.getLong("output_tokens");
				Double generated = rs.wasNull() ? null : (double) output;
				double score = rs.getDouble("score");
				Double graded = rs.wasNull() ? null : score;
				Timestamp finished = rs.getTimestamp("finished_at");
				out.add(new RunObservation(prompt, rs.getString("category"), rs.getInt("sample"), generated, graded,
						votingKey(rule, rs.getString("extracted_answer")), finished == null ? null : finished.toInstant()));
			});
		if (filter.difficulty() == null) {
			return out;
		}
		ConfigMeansQuery.Difficulty difficulty = this.means.difficulty();
		return out.stream().filter(r -> filter.difficulty().equals(difficulty.band(modelId, r.promptId()))).toList();
	}

	private Optional<GradingRule> parse(String grader) {
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> map = this.json.readValue(grader, Map.class);
			return Optional.of(GradingRules.parse(map));
		}
		catch (RuntimeException ex) { // InvalidGradingRuleException included: fall back to plain text
			return Optional.empty();
		}
	}

	static String votingKey(Optional<GradingRule> rule, String extracted) {
		if (extracted == null || extracted.isBlank()) {
			return null;
		}
		String key = null;
		if (rule.isPresent()) {
			try {
				key = Grading.normalizedAnswer(rule.get(), extracted);
			}
			catch (RuntimeException ex) {
				key = null;
			}
		}
		if (key == null) {
			key = extracted.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
		}
		return key.isEmpty() ? null : key;
	}

}
