package org.tokenyield.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import org.tokenyield.analytics.LeaderboardRow.Slope;
import org.tokenyield.analytics.calc.AccuracyTiers;
import org.tokenyield.analytics.calc.Bootstrap;
import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.DriftCalculator;
import org.tokenyield.analytics.calc.DriftEstimate;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.ScalingCalculator;
import org.tokenyield.analytics.calc.ScalingFit;

/**
 * The three bootstraps of a leaderboard row (its config's summary, its drift from the
 * predecessor, its version's slope), remembered by their input in a
 * {@link CalculationMemo}. With {@code trail} (the leaderboard's background lane) a
 * changed input is answered with its point estimates and the interval, verdict and regime
 * of the row's last whole result, the whole bootstrap following on its own thread
 * (docs/live-figures.md "Intervals trail"); elsewhere it is calculated at once.
 */
final class RowBootstraps {

	/**
	 * One resample: the calculators' point estimates (a statistic on the data itself does
	 * not depend on the resamples).
	 */
	private static final Bootstrap POINT = Bootstrap.withResamples(1);

	private final DriftCalculator drift = new DriftCalculator();

	private final DriftCalculator pointDrift = new DriftCalculator(POINT);

	private final ScalingCalculator scaling = new ScalingCalculator();

	private final ScalingCalculator pointScaling = new ScalingCalculator(ScalingCalculator.DEFAULT_EPSILON, POINT);

	private final AccuracyTiers tiers = new AccuracyTiers();

	private final AccuracyTiers pointTiers = new AccuracyTiers(POINT);

	/**
	 * The rank tiers' gaps, one result per leaderboard filter, apart from the rows'
	 * results (16 filters).
	 */
	private final CalculationMemo tierMemo;

	/**
	 * A leaderboard needs about three results per version (14 for five versions): 64 hold
	 * four filters' worth. Each remembers its input, some thousand per-prompt means, so
	 * more would only keep the inputs of versions long gone.
	 */
	private final CalculationMemo memo;

	/**
	 * @param pacing how long the thread of the whole bootstraps rests after each, in
	 * multiples of its duration
	 * @param caughtUp told when every queued whole bootstrap has landed
	 */
	RowBootstraps(double pacing, Runnable caughtUp) {
		this.memo = new CalculationMemo(64, pacing, caughtUp);
		this.tierMemo = new CalculationMemo(16, pacing, caughtUp);
	}

	/** A config's accuracy, token means and cost per correct answer. */
	ConfigSummary summary(List<PromptMeans> own, long seed, boolean trail) {
		return bootstrap(trail, List.of("summary", seed), List.of(List.copyOf(own)), () -> ConfigSummary.of(own, seed),
				() -> ConfigSummary.of(own, seed, POINT),
				(point, last) -> new ConfigSummary(point.prompts(), point.gradedPrompts(),
						trail(point.accuracy(), last.accuracy()), point.input(), point.generated(), point.reasoning(),
						point.medianGenerated(), point.costPerCorrect()));
	}

	/** The drift from {@code older} to {@code newer}. */
	DriftEstimate drift(List<PromptMeans> older, List<PromptMeans> newer, long seed, boolean trail) {
		return bootstrap(trail, List.of("drift", seed), List.of(List.copyOf(older), List.copyOf(newer)),
				() -> this.drift.compare(older, newer, seed), () -> this.pointDrift.compare(older, newer, seed),
				(point, last) -> new DriftEstimate(point.prompts(), trail(point.input(), last.input()),
						trail(point.generated(), last.generated()), trail(point.reasoning(), last.reasoning()),
						trail(point.accuracyChange(), last.accuracyChange()), last.verdict()));
	}

	/** The accuracy-per-token slope of a sweep of two settings or more. */
	Slope slope(Map<String, List<PromptMeans>> sweep, long seed, boolean trail) {
		return bootstrap(trail, List.of("slope", seed), List.of(List.copyOf(sweep.entrySet())), () -> {
			ScalingFit fit = this.scaling.fit(sweep, seed);
			return new Slope(fit.alpha(), fit.regime().name());
		}, () -> new Slope(this.pointScaling.fit(sweep, seed).alpha(), null),
				(point, last) -> new Slope(trail(point.alpha(), last.alpha()), last.regime()));
	}

	/**
	 * The rank tiers' paired accuracy gaps of one leaderboard: for rows {@code i < j}
	 * (rows in the order of {@code keys}), the gap of j over i, keyed
	 * {@code key_i + "\n" + key_j}. {@code trail}: asked from the leaderboard's lane.
	 */
	Map<String, Estimate> tierGaps(List<String> keys, List<List<PromptMeans>> means, long seed, boolean trail) {
		List<Object> identity = List.of("tiers", seed);
		List<Object> input = List.of(List.copyOf(keys), means.stream().map(List::copyOf).toList());
		Supplier<Map<String, Estimate>> whole = () -> gapsOf(this.tiers, keys, means, seed);
		if (!trail) {
			return this.tierMemo.get(identity, input, whole);
		}
		return this.tierMemo.trailing(identity, input, whole, () -> gapsOf(this.pointTiers, keys, means, seed),
				(point, last) -> {
					Map<String, Estimate> merged = new HashMap<>();
					point.forEach((pair, gap) -> merged.put(pair, last.containsKey(pair) ? trail(gap, last.get(pair))
							: new Estimate(gap.value(), null, null)));
					return merged;
				});
	}

	private static Map<String, Estimate> gapsOf(AccuracyTiers tiers, List<String> keys, List<List<PromptMeans>> means,
			long seed) {
		List<String> pairs = new ArrayList<>();
		List<AccuracyTiers.Differences> differences = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			for (int j = i + 1; j < keys.size(); j++) {
				pairs.add(keys.get(i) + "\n" + keys.get(j));
				differences.add(AccuracyTiers.differences(means.get(i), means.get(j)));
			}
		}
		Estimate[] gaps = tiers.gaps(differences, seed);
		Map<String, Estimate> out = new HashMap<>();
		for (int p = 0; p < pairs.size(); p++) {
			out.put(pairs.get(p), gaps[p]);
		}
		return out;
	}

	private <T> T bootstrap(boolean trail, List<Object> identity, List<Object> input, Supplier<T> whole,
			Supplier<T> point, BinaryOperator<T> merge) {
		return trail ? this.memo.trailing(identity, input, whole, point, merge) : this.memo.get(identity, input, whole);
	}

	/** The point estimate of {@code point} with the interval of {@code last}. */
	private static Estimate trail(Estimate point, Estimate last) {
		return point.value() == null ? point : new Estimate(point.value(), last.ciLow(), last.ciHigh());
	}

	/**
	 * After a forced refresh: the next results are whole, never a point estimate with an
	 * older interval (docs/live-figures.md "Intervals trail").
	 */
	void forgetLatest() {
		this.memo.forgetLatest();
		this.tierMemo.forgetLatest();
	}

	/** Bootstraps calculated because no equal input was remembered. */
	long calculated() {
		return this.memo.calculated();
	}

	/** Whether whole bootstraps are queued or under way. */
	boolean trailing() {
		return this.memo.trailingBehind() || this.tierMemo.trailingBehind();
	}

	void shutdown() {
		this.memo.shutdown();
		this.tierMemo.shutdown();
	}

}
