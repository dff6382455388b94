package org.tokenyield.analytics;

import java.util.List;

import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.LengthCalculator;
import org.tokenyield.analytics.calc.LengthSummary;
import org.tokenyield.analytics.calc.ParallelCalculator;
import org.tokenyield.analytics.calc.ParallelCurve;
import org.tokenyield.analytics.calc.PromptVariance;
import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.analytics.calc.Timeline;
import org.tokenyield.analytics.calc.TimelineCalculator;
import org.tokenyield.analytics.calc.VarianceCalculator;
import org.tokenyield.analytics.calc.VarianceSummary;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.catalog.ModelVersion;

import org.springframework.stereotype.Service;

/**
 * The figures of ONE config (METRICS.md sections 4, 5, 6 and 8): the version's default
 * setting unless the filter names a setting. Variance reads the summary's moments and
 * timeline its sums per week; length and parallel read the config's runs (each run's
 * length relative to its prompt, each sample's answer). Cached per summary version like
 * every figure.
 */
@Service
public class ConfigFigureService {

	private final LeaderboardService leaderboard;

	private final ConfigMeansQuery means;

	private final RunObservationQuery runs;

	private final TimelineQuery weeks;

	private final FigureCache cache;

	ConfigFigureService(LeaderboardService leaderboard, ConfigMeansQuery means, RunObservationQuery runs,
			TimelineQuery weeks, FigureCache cache) {
		this.leaderboard = leaderboard;
		this.means = means;
		this.runs = runs;
		this.weeks = weeks;
		this.cache = cache;
	}

	public record VarianceReport(String model, String setting, boolean simulated, int prompts, Double medianCv,
			Double shareRatioAboveTwo, List<PromptVariance> rows) {
	}

	public VarianceReport variance(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		String setting = filter.configSetting(model.defaultSetting());
		// from the summary's sums of squares (the leaderboard's CV column uses the same
		// rows), so its cost does not grow with the config's runs
		return this.cache.get(() -> {
			VarianceSummary v = this.means.spread(filter, List.of(model.id()))
				.getOrDefault(new ConfigKey(model.id(), setting), VarianceCalculator.of(List.of()));
			return new VarianceReport(model.key(), setting, model.simulated(), v.prompts(), v.medianCv(),
					v.shareRatioAboveTwo(), v.rows());
		}, "variance", model, filter);
	}

	public record LengthReport(String model, String setting, boolean simulated, int prompts, int runs,
			Double shortCorrectRate, Double middleCorrectRate, Double longCorrectRate, Estimate longMinusShort) {
	}

	public LengthReport length(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		String setting = filter.configSetting(model.defaultSetting());
		return this.cache.get(() -> {
			LengthSummary l = new LengthCalculator().summarize(observations(model, setting, filter),
					Seeds.seedOf("length", model.key(), setting, filter.seedText()));
			return new LengthReport(model.key(), setting, model.simulated(), l.prompts(), l.runs(),
					l.shortCorrectRate(), l.middleCorrectRate(), l.longCorrectRate(), l.longMinusShort());
		}, "length", model, filter);
	}

	public record ParallelReport(String model, String setting, boolean simulated, int prompts, Double meanTokens,
			List<org.tokenyield.analytics.calc.ParallelPoint> points) {
	}

	public ParallelReport parallel(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		String setting = filter.configSetting(model.defaultSetting());
		return this.cache.get(() -> {
			ParallelCurve c = new ParallelCalculator().curve(observations(model, setting, filter));
			return new ParallelReport(model.key(), setting, model.simulated(), c.prompts(), c.meanTokens(), c.points());
		}, "parallel", model, filter);
	}

	public record TimelineReport(String model, String setting, boolean simulated,
			List<org.tokenyield.analytics.calc.WeekPoint> weeks, List<String> earlyWeeks, List<String> lateWeeks,
			int tokenPrompts, Estimate tokensChange, int accuracyPrompts, Estimate accuracyChange,
			boolean tokensChanged, boolean accuracyChanged) {
	}

	public TimelineReport timeline(String key, FigureFilter filter) {
		ModelVersion model = this.leaderboard.visible(key);
		String setting = filter.configSetting(model.defaultSetting());
		return this.cache.get(() -> {
			Timeline t = new TimelineCalculator().fromWeeks(this.weeks.weeks(model.id(), setting, filter),
					Seeds.seedOf("timeline", model.key(), setting, filter.seedText()));
			return new TimelineReport(model.key(), setting, model.simulated(), t.weeks(), t.earlyWeeks(), t.lateWeeks(),
					t.tokenPrompts(), t.tokensChange(), t.accuracyPrompts(), t.accuracyChange(), t.tokensChanged(),
					t.accuracyChanged());
		}, "timeline", model, filter);
	}

	private List<RunObservation> observations(ModelVersion model, String setting, FigureFilter filter) {
		return this.runs.observations(model.id(), setting, filter);
	}

}
