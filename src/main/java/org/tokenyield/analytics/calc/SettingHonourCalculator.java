package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.tokenyield.analytics.calc.GapSums.Measure;
import org.tokenyield.system.Setting;

/**
 * Was each setting of a sweep honoured (docs/methodology-notes.md)?
 * <p>
 * The settings are put in {@link Setting#SWEEP_ORDER} and each is compared with the one
 * before it: over the prompts whose mean reasoning tokens are known at both, the mean of
 * the per-prompt differences, with a paired Poisson bootstrap over those prompts (both
 * sides of a prompt travel together, as for drift; {@link GapSums}, so the leaderboard's
 * badges keep the same sums up to date one prompt at a time). A setting is
 * {@code ignored} when it asks for more thinking than the previous one
 * ({@link Setting#asksMoreThinkingThan}) and the interval of the change is not entirely
 * above 0. Settings that cannot be ranked against their neighbour (against
 * {@code default}, a budget against an effort level) get the change but are never
 * flagged.
 */
public final class SettingHonourCalculator {

	private final Bootstrap bootstrap;

	public SettingHonourCalculator() {
		this(Bootstrap.standard());
	}

	public SettingHonourCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * One row per setting of {@code bySetting}, in sweep order.
	 * @param bySetting per-prompt means of each setting of one model (any order)
	 * @param counts how the runs of each setting ended; a setting missing here has no
	 * rates
	 * @param seed the query's seed; each comparison derives its own from the two settings
	 */
	public List<SettingHonour> sweep(Map<String, ? extends Collection<PromptMeans>> bySetting,
			Map<String, FinishCounts> counts, long seed) {
		return sweep(bySetting.keySet(), counts, (previous, current) -> changes(bySetting.get(previous),
				bySetting.get(current), changeSeed(seed, previous, current)));
	}

	/**
	 * Like {@link #sweep(Map, Map, long)}, with each setting's change against the
	 * previous one given as its sums (kept up to date elsewhere, seeded with
	 * {@link #changeSeed}).
	 * @param settings the settings of the sweep (any order)
	 */
	public List<SettingHonour> sweep(Collection<String> settings, Map<String, FinishCounts> counts, Changes changes) {
		List<Setting> order = settings.stream().map(Setting::parse).sorted(Setting.SWEEP_ORDER).toList();
		List<SettingHonour> out = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			Setting current = order.get(i);
			String name = current.toString();
			FinishCounts finish = counts.getOrDefault(name, FinishCounts.NONE);
			Double overrun = (current.kind() == Setting.Kind.THINKING) ? rate(finish.overran(), finish.reasoningKnown())
					: null;
			Double truncated = finish.truncatedRate();
			if (i == 0) {
				out.add(new SettingHonour(name, null, 0, Estimate.UNDEFINED, false, overrun, truncated));
				continue;
			}
			Setting previous = order.get(i - 1);
			GapSums sums = changes.of(previous.toString(), name);
			Estimate change = sums.gap();
			boolean ignored = current.asksMoreThinkingThan(previous) && change.hasInterval() && !change.above(0);
			out.add(new SettingHonour(name, previous.toString(), sums.prompts(), change, ignored, overrun, truncated));
		}
		return out;
	}

	/** The reasoning change from one setting of a sweep to the next, as sums. */
	@FunctionalInterface
	public interface Changes {

		GapSums of(String previous, String current);

	}

	/**
	 * The seed of the change from {@code previous} to {@code current} in a sweep seeded
	 * {@code seed}.
	 */
	public static long changeSeed(long seed, String previous, String current) {
		return Seeds.derive(seed, "reasoning_change", previous, current);
	}

	/**
	 * The sums of the per-prompt differences after − before, over the prompts known on
	 * both sides.
	 */
	private GapSums changes(Collection<PromptMeans> before, Collection<PromptMeans> after, long seed) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(before);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(after);
		GapSums sums = new GapSums(seed, this.bootstrap);
		x.forEach((prompt, older) -> {
			double difference = GapSums.difference(Measure.REASONING, older, y.get(prompt));
			if (!Double.isNaN(difference)) {
				sums.add(prompt, difference);
			}
		});
		return sums;
	}

	private static Double rate(long part, long whole) {
		return whole == 0 ? null : (double) part / whole;
	}

}
