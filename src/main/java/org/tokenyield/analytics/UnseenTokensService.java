package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.calc.FamilyTokenizer;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.UnseenTokens;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.providers.TokenCounter;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.stereotype.Service;

/**
 * Unseen tokens of every setting of a version (docs/methodology-notes.md "Unseen
 * tokens"): its latest runs with an answer, each answer counted again with the family's
 * tokenizer ({@link FamilyTokenizer}). Off the leaderboard's path: a figure of its own,
 * cached per summary version like the others.
 */
@Service
public class UnseenTokensService {

	private final UnseenRunsQuery runs;

	private final ConfigMeansQuery means;

	private final LeaderboardService leaderboard;

	private final TokenCounter tokens;

	private final FigureCache cache;

	UnseenTokensService(UnseenRunsQuery runs, ConfigMeansQuery means, LeaderboardService leaderboard,
			TokenCounter tokens, FigureCache cache) {
		this.runs = runs;
		this.means = means;
		this.leaderboard = leaderboard;
		this.tokens = tokens;
		this.cache = cache;
	}

	/**
	 * @param tokenizer the encoding answers were counted with, null when the family has
	 * none (then every config's figures are null)
	 * @param runsPerConfig at most this many of each config's latest runs are read
	 */
	@Schema(name = "UnseenTokens") // other modules answer a Report too
	public record Report(String model, boolean simulated, String tokenizer, int runsPerConfig,
			List<ConfigUnseen> configs) {
	}

	public record ConfigUnseen(String setting, int runs, Double outputTokens, Double reasoningTokens,
			Double visibleTokens, Double unseenTokens, boolean reasoningReportedZero, boolean flagged) {

		static ConfigUnseen of(String setting, UnseenTokens.Summary s) {
			return new ConfigUnseen(setting, s.runs(), s.output(), s.reasoning(), s.visible(), s.unseen(),
					s.reasoningReportedZero(), s.flagged());
		}

	}

	public Report unseen(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		FigureFilter any = filter.anySetting();
		return this.cache.get(() -> compute(model, any), "unseen", model, any);
	}

	private Report compute(ModelVersion model, FigureFilter filter) {
		String encoding = FamilyTokenizer.encodingOf(model.provider(), model.family(), model.apiModel());
		Map<String, List<PromptMeans>> sweep = FigureService.sweepOf(model,
				this.means.means(filter, List.of(model.id())));
		List<ConfigUnseen> configs = new ArrayList<>();
		for (String setting : sweep.keySet()) {
			if (encoding == null) {
				configs.add(ConfigUnseen.of(setting, UnseenTokens.Summary.NONE));
				continue;
			}
			List<UnseenTokens.RunTokens> counted = new ArrayList<>();
			for (UnseenRunsQuery.AnswerRun r : this.runs.latest(model.id(), setting, filter)) {
				counted.add(
						new UnseenTokens.RunTokens(r.output(), r.reasoning(), this.tokens.count(encoding, r.answer())));
			}
			configs.add(ConfigUnseen.of(setting, UnseenTokens.of(counted)));
		}
		return new Report(model.key(), model.simulated(), encoding, UnseenRunsQuery.LIMIT, List.copyOf(configs));
	}

}
