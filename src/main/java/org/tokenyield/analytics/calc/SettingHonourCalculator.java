package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.tokenyield.system.Setting;

/**
 * Was each setting of a sweep honoured (docs/methodology-notes.md)?
 * <p>
 * The settings are put in {@link Setting#SWEEP_ORDER} and each is compared with the one
 * before it: over the prompts whose mean reasoning tokens are known at both, the mean of
 * the per-prompt differences, with a paired percentile bootstrap over those prompts (both
 * sides of a prompt travel together, as for drift). A setting is {@code ignored} when it
 * asks for more thinking than the previous one ({@link Setting#asksMoreThinkingThan}) and
 * the interval of the change is not entirely above 0. Settings that cannot be ranked
 * against their neighbour (against {@code default}, a budget against an effort level) get
 * the change but are never flagged.
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
		List<Setting> order = bySetting.keySet().stream().map(Setting::parse).sorted(Setting.SWEEP_ORDER).toList();
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
			double[] diffs = reasoningDiffs(bySetting.get(previous.toString()), bySetting.get(name));
			Estimate change = this.bootstrap.estimate(diffs.length,
					Seeds.derive(seed, "reasoning_change", previous.toString(), name), idx -> Stats.mean(diffs, idx));
			boolean ignored = current.asksMoreThinkingThan(previous) && change.hasInterval() && !change.above(0);
			out.add(new SettingHonour(name, previous.toString(), diffs.length, change, ignored, overrun, truncated));
		}
		return out;
	}

	/**
	 * Per-prompt differences after − before, over the prompts (ascending id) known on
	 * both sides.
	 */
	private static double[] reasoningDiffs(Collection<PromptMeans> before, Collection<PromptMeans> after) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(before);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(after);
		return x.entrySet().stream().filter(e -> {
			PromptMeans other = y.get(e.getKey());
			return e.getValue().reasoning() != null && other != null && other.reasoning() != null;
		}).mapToDouble(e -> y.get(e.getKey()).reasoning() - e.getValue().reasoning()).toArray();
	}

	private static Double rate(long part, long whole) {
		return whole == 0 ? null : (double) part / whole;
	}

}
