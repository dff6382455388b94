package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Adaptive allocation (METRICS.md section 7): one setting per difficulty band, every
 * assignment enumerated. Over the prompts paired across the sweep (as for the scaling
 * slope), an assignment's accuracy and mean tokens are sums of per-band sums divided by
 * |P|; a uniform setting is the assignment giving every band that setting, computed the
 * same way, so it always qualifies against itself. Unknown is a band of its own. Ties: at
 * the same spend, higher accuracy then fewer tokens; to match, fewer tokens then higher
 * accuracy; then the first assignment in enumeration order (bands in enum order, settings
 * in sweep order).
 */
public final class AdaptiveAllocation {

	private static final int MAX_ASSIGNMENTS = 1_000_000;

	private AdaptiveAllocation() {
	}

	/**
	 * @param bySetting the model's per-prompt means per setting, in display order
	 * @param bands band per prompt id; missing prompts are unknown
	 */
	public static AdaptivePlan plan(Map<String, List<PromptMeans>> bySetting, Map<Long, Band> bands) {
		List<String> settings = new ArrayList<>(bySetting.keySet());
		List<SortedMap<Long, PromptMeans>> maps = new ArrayList<>();
		bySetting.values().forEach(means -> maps.add(Pairing.byPrompt(means)));
		long[] prompts = Pairing.common(maps, m -> m.score() != null && m.generated() != null);
		int k = settings.size();
		int n = prompts.length;
		if (n == 0 || k == 0) {
			return new AdaptivePlan(0, Map.of(), List.of());
		}
		Map<Band, Integer> sizes = new EnumMap<>(Band.class);
		for (long id : prompts) {
			sizes.merge(DifficultyBands.bandOf(bands, id), 1, Integer::sum);
		}
		Band[] present = sizes.keySet().toArray(new Band[0]);
		int b = present.length;
		double[][] sumA = new double[b][k];
		double[][] sumT = new double[b][k];
		for (long id : prompts) {
			int band = indexOf(present, DifficultyBands.bandOf(bands, id));
			for (int s = 0; s < k; s++) {
				PromptMeans m = maps.get(s).get(id);
				sumA[band][s] += m.score();
				sumT[band][s] += m.generated();
			}
		}
		double total = Math.pow(k, b);
		if (total > MAX_ASSIGNMENTS) {
			throw new IllegalArgumentException("too many assignments: " + (long) total);
		}
		int count = (int) total;
		double[] acc = new double[count];
		double[] tok = new double[count];
		int[][] assignment = new int[count][b];
		for (int c = 0; c < count; c++) {
			int rest = c;
			for (int j = b - 1; j >= 0; j--) {
				assignment[c][j] = rest % k;
				rest /= k;
			}
			for (int j = 0; j < b; j++) {
				acc[c] += sumA[j][assignment[c][j]];
				tok[c] += sumT[j][assignment[c][j]];
			}
			acc[c] /= n;
			tok[c] /= n;
		}
		List<AdaptiveRow> rows = new ArrayList<>();
		for (int s = 0; s < k; s++) {
			int uniform = 0;
			for (int j = 0; j < b; j++) {
				uniform = uniform * k + s;
			}
			int best = -1;
			int cheapest = -1;
			for (int c = 0; c < count; c++) {
				if (tok[c] <= tok[uniform]
						&& (best < 0 || acc[c] > acc[best] || (acc[c] == acc[best] && tok[c] < tok[best]))) {
					best = c;
				}
				if (acc[c] >= acc[uniform] && (cheapest < 0 || tok[c] < tok[cheapest]
						|| (tok[c] == tok[cheapest] && acc[c] > acc[cheapest]))) {
					cheapest = c;
				}
			}
			rows.add(new AdaptiveRow(settings.get(s), tok[uniform], acc[uniform], acc[best],
					describe(present, assignment[best], settings), tok[cheapest],
					describe(present, assignment[cheapest], settings)));
		}
		return new AdaptivePlan(n, sizes, rows);
	}

	private static int indexOf(Band[] bands, Band band) {
		for (int i = 0; i < bands.length; i++) {
			if (bands[i] == band) {
				return i;
			}
		}
		throw new IllegalStateException(band.name());
	}

	private static Map<Band, String> describe(Band[] bands, int[] assignment, List<String> settings) {
		Map<Band, String> out = new EnumMap<>(Band.class);
		for (int j = 0; j < bands.length; j++) {
			out.put(bands[j], settings.get(assignment[j]));
		}
		return out;
	}

}
