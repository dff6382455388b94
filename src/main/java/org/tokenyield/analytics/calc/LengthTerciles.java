package org.tokenyield.analytics.calc;

/**
 * The tercile correct rates of the length figure on a resample of prompts, in far less
 * than one walk over all runs. The numbers are exactly those of the weighted walk
 * {@link LengthCalculator#tercileRates}: there, every count is a whole number held
 * exactly in a double, so the rates depend only on the whole-number counts, which this
 * class computes exactly by another route.
 * <p>
 * With prompt p weighted by w_p (its draws in the resample), the run at position i of the
 * z order starts at rank {@code R(i) = sum_p w_p * before_p(i)}, where
 * {@code before_p(i)} counts p's runs at positions below i; the number of correct ranks
 * below it is the same sum over p's correct runs. Both counts are stored per prompt at
 * checkpoints every {@code stride} positions. A tercile cut c (ceil(N/3), ceil(2N/3)) is
 * placed by a binary search for the last checkpoint whose rank is at most c, which costs
 * one sum over the drawn prompts per step, then by the walk of at most {@code stride}
 * runs from there. The stride is the number of prompts: a resample already costs that
 * much to draw, and the table then holds about two ints per run.
 */
final class LengthTerciles {

	private final int[] prompt;

	private final boolean[] correct;

	private final int prompts;

	private final int stride;

	private final int checkpoints;

	/** Runs of prompt p before checkpoint k, at {@code k * prompts + p}. */
	private final int[] runsBefore;

	/** Correct runs of prompt p before checkpoint k, at {@code k * prompts + p}. */
	private final int[] correctBefore;

	private final int[] runsOf;

	private final int[] correctOf;

	/**
	 * @param prompt the prompt (0 .. prompts-1) of each run, in z order
	 * @param correct whether each run, in the same order, is correct
	 */
	LengthTerciles(int[] prompt, boolean[] correct, int prompts) {
		this.prompt = prompt;
		this.correct = correct;
		this.prompts = prompts;
		int m = prompt.length;
		this.stride = Math.max(1, prompts);
		this.checkpoints = m / this.stride + 1;
		this.runsBefore = new int[this.checkpoints * prompts];
		this.correctBefore = new int[this.checkpoints * prompts];
		int[] runs = new int[prompts];
		int[] right = new int[prompts];
		for (int k = 0; k < this.checkpoints; k++) {
			System.arraycopy(runs, 0, this.runsBefore, k * prompts, prompts);
			System.arraycopy(right, 0, this.correctBefore, k * prompts, prompts);
			int end = Math.min(m, (k + 1) * this.stride);
			for (int i = k * this.stride; i < end; i++) {
				runs[prompt[i]]++;
				if (correct[i]) {
					right[prompt[i]]++;
				}
			}
		}
		this.runsOf = runs;
		this.correctOf = right;
	}

	/**
	 * Correct rates per tercile when every prompt i is taken {@code count(i in idx)}
	 * times; null with fewer than 3 runs.
	 */
	double[] rates(int[] idx) {
		int[] weight = new int[this.prompts];
		for (int i : idx) {
			weight[i]++;
		}
		Drawn drawn = new Drawn(weight);
		long total = drawn.sum(this.runsOf, 0);
		if (total < 3) {
			return null;
		}
		long cut1 = (total + 2) / 3;
		long cut2 = (2 * total + 2) / 3;
		long right1 = correctBelow(cut1, drawn, weight);
		long right2 = correctBelow(cut2, drawn, weight);
		long right = drawn.sum(this.correctOf, 0);
		return new double[] { right1 / (double) cut1, (right2 - right1) / (double) (cut2 - cut1),
				(right - right2) / (double) (total - cut2) };
	}

	/** Correct runs among the ranks below {@code cut} (at most the resample's N). */
	private long correctBelow(long cut, Drawn drawn, int[] weight) {
		// last checkpoint whose rank is at most cut; checkpoint 0 has rank 0
		int low = 0;
		int high = this.checkpoints - 1;
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (drawn.sum(this.runsBefore, mid * this.prompts) <= cut) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		long rank = drawn.sum(this.runsBefore, low * this.prompts);
		long right = drawn.sum(this.correctBefore, low * this.prompts);
		// the cut lies before the next checkpoint (or the end): walk to it
		for (int i = low * this.stride; i < this.prompt.length && rank < cut; i++) {
			long w = weight[this.prompt[i]];
			long in = Math.min(w, cut - rank);
			if (this.correct[i]) {
				right += in;
			}
			rank += w;
		}
		return right;
	}

	/** The prompts a resample draws, with their weights. */
	private static final class Drawn {

		private final int[] prompt;

		private final int[] weight;

		Drawn(int[] weights) {
			int n = 0;
			for (int w : weights) {
				n += (w > 0) ? 1 : 0;
			}
			this.prompt = new int[n];
			this.weight = new int[n];
			int j = 0;
			for (int p = 0; p < weights.length; p++) {
				if (weights[p] > 0) {
					this.prompt[j] = p;
					this.weight[j++] = weights[p];
				}
			}
		}

		/** {@code sum_p w_p * counts[offset + p]} over the drawn prompts. */
		long sum(int[] counts, int offset) {
			long sum = 0;
			for (int j = 0; j < this.prompt.length; j++) {
				sum += (long) this.weight[j] * counts[offset + this.prompt[j]];
			}
			return sum;
		}

	}

}
