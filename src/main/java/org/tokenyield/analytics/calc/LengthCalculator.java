package org.tokenyield.analytics.calc;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

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
 * weighted walk through it, shortened by {@link LengthTerciles} to a few sums over the
 * drawn prompts and a short walk to each cut.
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
		ZOrder order = zOrder(runs);
		LengthTerciles terciles = new LengthTerciles(order.prompt(), order.correct(), order.prompts());
		return summarize(order, terciles::rates, seed);
	}

	/**
	 * The summary with the tercile rates of each resample (null when undefined) computed
	 * by {@code rates}: {@link LengthTerciles#rates} in production, the reference walk
	 * {@link #tercileRates} in the tests that check the two agree.
	 */
	LengthSummary summarize(ZOrder order, Function<int[], double[]> rates, long seed) {
		int prompts = order.prompts();
		double[] all = rates.apply(Bootstrap.identity(prompts));
		Estimate diff = this.bootstrap.estimate(prompts, seed, idx -> {
			double[] r = rates.apply(idx);
			return (r == null) ? Double.NaN : r[2] - r[0];
		});
		return new LengthSummary(prompts, order.prompt().length, (all == null) ? null : all[0],
				(all == null) ? null : all[1], (all == null) ? null : all[2], diff);
	}

	/**
	 * The usable runs of the prompts with at least two of them, in z order (ties by
	 * prompt id, then sample index).
	 */
	static ZOrder zOrder(Collection<RunObservation> runs) {
		var byPrompt = Runs.byPrompt(runs, r -> r.score() != null && r.generated() != null && r.generated() > 0);
		int m = 0;
		for (List<RunObservation> list : byPrompt.values()) {
			m += (list.size() < 2) ? 0 : list.size();
		}
		// position i in (prompt id, sample) order
		double[] z = new double[m];
		int[] promptOf = new int[m];
		boolean[] correctOf = new boolean[m];
		int prompts = 0;
		int i = 0;
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
				z[i] = Math.log(r.generated()) - meanLog;
				promptOf[i] = prompts;
				correctOf[i++] = r.correct();
			}
			prompts++;
		}
		int[] byZ = byZ(z);
		int[] prompt = new int[m];
		boolean[] correct = new boolean[m];
		for (int r = 0; r < m; r++) {
			int j = byZ[r];
			prompt[r] = promptOf[j];
			correct[r] = correctOf[j];
		}
		return new ZOrder(prompts, prompt, correct);
	}

	/**
	 * The positions 0 .. z.length-1 ordered by z as {@link Double#compare} orders it,
	 * equal z by position. A stable least-significant-digit radix sort over the bytes of
	 * z's bits mapped to an unsigned order: a few linear passes without boxing, where a
	 * comparison sort of half a million runs was a large part of the figure's setup.
	 */
	static int[] byZ(double[] z) {
		int m = z.length;
		long[] key = new long[m];
		int[] position = new int[m];
		int[][] count = new int[8][256];
		for (int j = 0; j < m; j++) {
			long bits = Double.doubleToLongBits(z[j]);
			// negative: flip all bits (larger magnitude first); else flip the sign bit
			key[j] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
			position[j] = j;
			for (int b = 0; b < 8; b++) {
				count[b][(int) (key[j] >>> (8 * b)) & 0xFF]++;
			}
		}
		long[] nextKey = new long[m];
		int[] nextPosition = new int[m];
		for (int b = 0; b < 8; b++) {
			int[] start = count[b];
			if (m == 0 || start[(int) (key[0] >>> (8 * b)) & 0xFF] == m) {
				continue; // every key has this byte: the pass would not move anything
			}
			for (int v = 0, sum = 0; v < 256; v++) {
				int c = start[v];
				start[v] = sum;
				sum += c;
			}
			for (int j = 0; j < m; j++) {
				int to = start[(int) (key[j] >>> (8 * b)) & 0xFF]++;
				nextKey[to] = key[j];
				nextPosition[to] = position[j];
			}
			long[] k = key;
			key = nextKey;
			nextKey = k;
			int[] p = position;
			position = nextPosition;
			nextPosition = p;
		}
		return position;
	}

	/**
	 * Correct rates per tercile when every prompt i is taken {@code count(i in idx)}
	 * times; null with fewer than 3 runs. {@code order} lists the prompt of each run in z
	 * order. The definition walked over all runs, kept as the reference the tests compare
	 * {@link LengthTerciles} with (same numbers, much faster).
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

	/**
	 * Runs in z order: {@code prompt[r]} (0 .. prompts-1, in prompt id order) and
	 * {@code correct[r]} of the run at rank r.
	 */
	record ZOrder(int prompts, int[] prompt, boolean[] correct) {
	}

}
