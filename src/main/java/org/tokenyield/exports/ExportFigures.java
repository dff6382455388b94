package org.tokenyield.exports;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.analytics.calc.Seeds;

/**
 * The figures of a snapshot, summed up while its runs stream past: per config (dataset,
 * model, setting) and prompt, the sums the per-prompt means are made of, so the memory
 * grows with configs × prompts, never with runs. The means are the same doubles a stream
 * over the prompt's runs gives ({@code LongStream.average()} is a long sum over a count,
 * {@code DoubleStream.average()} and {@code sum()} are the compensated sums of
 * {@link DoubleSummaryStatistics}), so {@code figures.json} stays byte for byte what it
 * was when the runs were held in a list.
 */
final class ExportFigures {

	/** Configs in the order of their joined names, prompts by id. */
	private final Map<List<String>, Config> configs = new TreeMap<>(
			(a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));

	void add(ExportRun run) {
		Config config = this.configs.computeIfAbsent(List.of(run.dataset(), run.model(), run.setting()),
				k -> new Config());
		config.simulated |= run.simulated();
		config.prompts.computeIfAbsent(run.promptId(), p -> new PromptSums(run.promptId(), run.category())).add(run);
	}

	/** Per config, the summary of its per-prompt means ({@link ConfigSummary}). */
	List<ExportFigure> figures() {
		List<ExportFigure> out = new ArrayList<>();
		this.configs.forEach((config, sums) -> {
			List<PromptMeans> means = sums.prompts.values().stream().map(PromptSums::means).toList();
			ConfigSummary s = ConfigSummary.of(means,
					Seeds.seedOf("export", config.get(0), config.get(1), config.get(2)));
			out.add(new ExportFigure(config.get(0), config.get(1), config.get(2), sums.simulated, s.prompts(),
					s.gradedPrompts(), s.accuracy(), s.input(), s.generated(), s.reasoning(), s.medianGenerated(),
					s.costPerCorrect()));
		});
		return out;
	}

	private static final class Config {

		private final Map<Long, PromptSums> prompts = new TreeMap<>();

		private boolean simulated;

	}

	/** One prompt's runs in one config, as sums; its category is its first run's. */
	private static final class PromptSums {

		private final long promptId;

		private final String category;

		private final LongMean input = new LongMean();

		private final LongMean generated = new LongMean();

		private final LongMean reasoning = new LongMean();

		private final DoubleSummaryStatistics score = new DoubleSummaryStatistics();

		private final DoubleSummaryStatistics cost = new DoubleSummaryStatistics();

		private int runs;

		private int correct;

		PromptSums(long promptId, String category) {
			this.promptId = promptId;
			this.category = category;
		}

		void add(ExportRun run) {
			this.runs++;
			this.input.add(run.inputTokens());
			this.generated.add(run.outputTokens());
			this.reasoning.add(run.reasoningTokens());
			if (run.score() != null) {
				this.score.accept(run.score());
				if (run.score() >= RunObservation.CORRECT_SCORE) {
					this.correct++;
				}
			}
			if (run.costUsd() != null) {
				this.cost.accept(run.costUsd().doubleValue());
			}
		}

		PromptMeans means() {
			return new PromptMeans(this.promptId, this.category, this.input.mean(), this.generated.mean(),
					this.reasoning.mean(), (this.score.getCount() == 0) ? null : this.score.getAverage(), this.runs,
					this.correct, this.cost.getSum());
		}

	}

	/** The mean of the non-null values, null without any. */
	private static final class LongMean {

		private long sum;

		private long count;

		void add(Long value) {
			if (value != null) {
				this.sum += value;
				this.count++;
			}
		}

		Double mean() {
			return (this.count == 0) ? null : (double) this.sum / this.count;
		}

	}

}
