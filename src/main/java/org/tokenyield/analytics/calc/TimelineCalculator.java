package org.tokenyield.analytics.calc;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Drift over time (METRICS.md section 8). Runs are grouped by the ISO week (UTC) of
 * {@code finishedAt}; runs without it are ignored. Only weeks with runs count as weeks.
 * <p>
 * The first and latest windows hold {@code w = min(4, floor(W / 2))} weeks each out of
 * the W weeks with runs, so they never overlap: 4 and 4 from 8 weeks on, the first and
 * second halves below (the middle week left out when W is odd), nothing with fewer than 2
 * weeks. The change is paired: over prompts present in both windows, the mean of (late −
 * early) per-prompt means, pooling each prompt's runs within a window; its bootstrap
 * resamples those prompts. A change is flagged when its interval excludes 0, for tokens
 * and for accuracy separately.
 */
public final class TimelineCalculator {

	public static final int WINDOW_WEEKS = 4;

	private final Bootstrap bootstrap;

	public TimelineCalculator() {
		this(Bootstrap.standard());
	}

	public TimelineCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/** The ISO week of an instant in UTC, e.g. {@code 2026-W01}. */
	public static String isoWeek(java.time.Instant instant) {
		ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
		return String.format("%04d-W%02d", utc.get(IsoFields.WEEK_BASED_YEAR),
				utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	public Timeline timeline(Collection<RunObservation> runs, long seed) {
		SortedMap<String, List<RunObservation>> byWeek = new TreeMap<>();
		for (RunObservation run : runs) {
			if (run.finishedAt() != null) {
				byWeek.computeIfAbsent(isoWeek(run.finishedAt()), w -> new ArrayList<>()).add(run);
			}
		}
		List<WeekPoint> weeks = new ArrayList<>();
		byWeek.forEach((week, list) -> weeks
			.add(new WeekPoint(week, (int) list.stream().mapToLong(RunObservation::promptId).distinct().count(),
					list.size(), Stats.boxed(macroMean(list, RunObservation::generated)),
					Stats.boxed(macroMean(list, RunObservation::score)))));
		List<String> names = new ArrayList<>(byWeek.keySet());
		int w = Math.min(WINDOW_WEEKS, names.size() / 2);
		if (w == 0) {
			return new Timeline(weeks, List.of(), List.of(), 0, Estimate.UNDEFINED, 0, Estimate.UNDEFINED, false,
					false);
		}
		List<String> early = names.subList(0, w);
		List<String> late = names.subList(names.size() - w, names.size());
		List<RunObservation> earlyRuns = new ArrayList<>();
		List<RunObservation> lateRuns = new ArrayList<>();
		early.forEach(week -> earlyRuns.addAll(byWeek.get(week)));
		late.forEach(week -> lateRuns.addAll(byWeek.get(week)));
		double[] tokenDiffs = pairedDiffs(earlyRuns, lateRuns, RunObservation::generated);
		double[] scoreDiffs = pairedDiffs(earlyRuns, lateRuns, RunObservation::score);
		Estimate tokens = this.bootstrap.estimate(tokenDiffs.length, Seeds.derive(seed, "tokens"),
				idx -> Stats.mean(tokenDiffs, idx));
		Estimate accuracy = this.bootstrap.estimate(scoreDiffs.length, Seeds.derive(seed, "accuracy"),
				idx -> Stats.mean(scoreDiffs, idx));
		return new Timeline(weeks, early, late, tokenDiffs.length, tokens, scoreDiffs.length, accuracy,
				tokens.excludesZero(), accuracy.excludesZero());
	}

	/**
	 * Macro mean over prompts of the per-prompt mean of the known values; NaN when none.
	 */
	private static double macroMean(List<RunObservation> runs, Function<RunObservation, Double> value) {
		return Stats.mean(perPrompt(runs, value).values().stream().mapToDouble(Double::doubleValue).toArray());
	}

	private static SortedMap<Long, Double> perPrompt(List<RunObservation> runs,
			Function<RunObservation, Double> value) {
		SortedMap<Long, double[]> sums = new TreeMap<>();
		for (RunObservation run : runs) {
			Double v = value.apply(run);
			if (v != null) {
				double[] s = sums.computeIfAbsent(run.promptId(), id -> new double[2]);
				s[0] += v;
				s[1]++;
			}
		}
		SortedMap<Long, Double> means = new TreeMap<>();
		sums.forEach((id, s) -> means.put(id, s[0] / s[1]));
		return means;
	}

	private static double[] pairedDiffs(List<RunObservation> early, List<RunObservation> late,
			Function<RunObservation, Double> value) {
		SortedMap<Long, Double> before = perPrompt(early, value);
		SortedMap<Long, Double> after = perPrompt(late, value);
		Set<Long> both = new HashSet<>(before.keySet());
		both.retainAll(after.keySet());
		return before.entrySet()
			.stream()
			.filter(e -> both.contains(e.getKey()))
			.mapToDouble(e -> after.get(e.getKey()) - e.getValue())
			.toArray();
	}

}
