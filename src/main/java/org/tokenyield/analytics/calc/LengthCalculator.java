package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Length versus correctness (METRICS.md section 5).
 * <p>
 * Usable runs are graded with generated tokens > 0. For each prompt with at least two
 * usable runs, {@code z = ln g − mean(ln g)} over that prompt's usable runs; prompts with
 * a single usable run (z ≡ 0, no within-prompt information) are left out. Runs are
 * ordered by z, ties by prompt id then sample index; with N runs, the run at rank r
 * (0-based) falls in tercile {@code floor(3r / N)}, so the bottom tercile gets the extra
 * run(s) when N is not divisible by 3.
 * <p>
 * The interval recomputes everything on each resample of prompts: a prompt drawn twice
 * brings its runs twice (copies adjacent in the order, as ties), and the tercile cuts are
 * taken again over the resampled N runs. z does not change with the resample (it only
 * uses the prompt's own runs), so the global order is sorted once and each resample is a
 * weighted walk through it.
 */
public final class LengthCalculator {

	private final Bootstrap bootstrap;

	public LengthCalculator() {
		this(Bootstrap.standard());
	}

	public LengthCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	public LengthSummary summarize(Collection<RunObservation> runs, long seed) {
		var byPrompt = Runs.byPrompt(runs, r -> r.score() != null && r.generated() != null && r.generated() > 0);
		List<double[]> rows = new ArrayList<>(); // {promptIndex, z, correct}
		int promptIndex = 0;
		for (List<RunObservation> list : byPrompt.values()) {
			if (list.size() < 2) {
				continue;
			}
			double meanLog = 0;
			for (RunObservation r : list) {
				meanLog += Math.log(r.generated());
			}
			meanLog /= list.size();
			for (RunObservation r : list) {
				rows.add(new double[] { promptIndex, Math.log(r.generated()) - meanLog, r.correct() ? 1 : 0 });
			}
			promptIndex++;
		}
		int prompts = promptIndex;
		// stable sort: rows are already in (prompt id, sample) order, so ties keep it
		rows.sort(Comparator.comparingDouble(row -> row[1]));
		int m = rows.size();
		int[] order = new int[m];
		boolean[] correct = new boolean[m];
		for (int i = 0; i < m; i++) {
			order[i] = (int) rows.get(i)[0];
			correct[i] = rows.get(i)[2] == 1;
		}
		int[] all = Bootstrap.identity(prompts);
		double[] rates = tercileRates(order, correct, prompts, all);
		Estimate diff = this.bootstrap.estimate(prompts, seed, idx -> {
			double[] r = tercileRates(order, correct, prompts, idx);
			return (r == null) ? Double.NaN : r[2] - r[0];
		});
		return new LengthSummary(prompts, m, (rates == null) ? null : rates[0], (rates == null) ? null : rates[1],
				(rates == null) ? null : rates[2], diff);
	}

	/**
	 * Correct rates per tercile when every prompt i is taken {@code count(i in idx)}
	 * times; null with fewer than 3 runs. {@code order} lists the prompt of each run in z
	 * order.
	 */
	static double[] tercileRates(int[] order, boolean[] correct, int prompts, int[] idx) {
		int[] weight = new int[prompts];
		for (int i : idx) {
			weight[i]++;
		}
		long total = 0;
		for (int p : order) {
			total += weight[p];
		}
		if (total < 3) {
			return null;
		}
		// rank r is in tercile floor(3r / N): cuts at ceil(N/3) and ceil(2N/3)
		long cut1 = (total + 2) / 3;
		long cut2 = (2 * total + 2) / 3;
		double[] right = new double[3];
		double[] size = new double[3];
		long rank = 0;
		for (int i = 0; i < order.length; i++) {
			int w = weight[order[i]];
			if (w == 0) {
				continue;
			}
			long end = rank + w; // this run occupies ranks [rank, end)
			long in0 = Math.max(0, Math.min(end, cut1) - rank);
			long in2 = Math.max(0, end - Math.max(rank, cut2));
			long in1 = w - in0 - in2;
			size[0] += in0;
			size[1] += in1;
			size[2] += in2;
			if (correct[i]) {
				right[0] += in0;
				right[1] += in1;
				right[2] += in2;
			}
			rank = end;
		}
		return new double[] { right[0] / size[0], right[1] / size[1], right[2] / size[2] };
	}

}
