package org.tokenyield.analytics.calc;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * Splits the change in cost per correct answer from X to Y into what the tokens, the
 * prices and the accuracy did (docs/methodology-notes.md "Why did my bill change").
 * <p>
 * Over the paired prompts (runs on both sides, input and generated tokens known on both),
 * each side's totals weigh a prompt by its runs: cost per run {@code C}, share of correct
 * runs {@code A}, input, reasoning and answer ({@code generated − reasoning}) tokens per
 * run. Cost per correct is {@code C / A} (total cost / correct runs, as METRICS.md
 * defines it). With {@code π} X's list prices per token:
 *
 * <pre>
 * input     = (in_Y − in_X) · π_in / A_X
 * reasoning = (re_Y − re_X) · π_out / A_X
 * answer    = (an_Y − an_X) · π_out / A_X
 * price     = ((C_Y − tokens_Y · π) − (C_X − tokens_X · π)) / A_X
 * accuracy  = C_Y · (1 / A_Y − 1 / A_X)
 * total     = C_Y / A_Y − C_X / A_X  (= the sum of the five)
 * </pre> All six share one paired bootstrap (both sides of a prompt in one index).
 * Undefined when a side has no correct run.
 */
public final class CostChangeCalculator {

	private static final double PER_MTOK = 1_000_000;

	private final Bootstrap bootstrap;

	public CostChangeCalculator() {
		this(Bootstrap.standard());
	}

	public CostChangeCalculator(Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * @param inputPerMtok the list price of an input token of X, USD per million
	 * @param outputPerMtok the list price of an output token of X, USD per million
	 * @return null when nothing is paired or a side has no correct run
	 */
	public CostChange compare(Collection<PromptMeans> older, Collection<PromptMeans> newer, double inputPerMtok,
			double outputPerMtok, long seed) {
		SortedMap<Long, PromptMeans> x = Pairing.byPrompt(older);
		SortedMap<Long, PromptMeans> y = Pairing.byPrompt(newer);
		Side before = new Side(x.size());
		Side after = new Side(x.size());
		int n = 0;
		for (Map.Entry<Long, PromptMeans> e : x.entrySet()) {
			PromptMeans o = e.getValue();
			PromptMeans m = y.get(e.getKey());
			if (m != null && usable(o) && usable(m)) {
				before.add(n, o);
				after.add(n, m);
				n++;
			}
		}
		double pIn = inputPerMtok / PER_MTOK;
		double pOut = outputPerMtok / PER_MTOK;
		Estimate[] e = this.bootstrap.estimates(n, seed, 6, (idx, out) -> split(before, after, idx, pIn, pOut, out));
		if (e[5].value() == null) {
			return null;
		}
		int[] all = Bootstrap.identity(n);
		double[] sx = before.sums(all);
		double[] sy = after.sums(all);
		return new CostChange(n, sx[1] / sx[2], sy[1] / sy[2], e[0], e[1], e[2], e[3], e[4], e[5]);
	}

	private static boolean usable(PromptMeans m) {
		return m.runs() > 0 && m.input() != null && m.generated() != null;
	}

	private static void split(Side x, Side y, int[] idx, double pIn, double pOut, double[] out) {
		double[] sx = x.sums(idx);
		double[] sy = y.sums(idx);
		// sums: runs, cost, correct, input, reasoning, answer
		if (sx[2] == 0 || sy[2] == 0) {
			Arrays.fill(out, Double.NaN);
			return;
		}
		double ax = sx[2] / sx[0];
		double ay = sy[2] / sy[0];
		double cx = sx[1] / sx[0];
		double cy = sy[1] / sy[0];
		double dIn = (sy[3] / sy[0] - sx[3] / sx[0]) * pIn;
		double dRe = (sy[4] / sy[0] - sx[4] / sx[0]) * pOut;
		double dAn = (sy[5] / sy[0] - sx[5] / sx[0]) * pOut;
		double tokensY = (sy[3] * pIn + (sy[4] + sy[5]) * pOut) / sy[0];
		double tokensX = (sx[3] * pIn + (sx[4] + sx[5]) * pOut) / sx[0];
		out[0] = dIn / ax;
		out[1] = dRe / ax;
		out[2] = dAn / ax;
		out[3] = ((cy - tokensY) - (cx - tokensX)) / ax;
		out[4] = cy * (1 / ay - 1 / ax);
		out[5] = cy / ay - cx / ax;
	}

	/**
	 * One side's per-prompt totals: runs, cost, correct runs and runs × mean tokens of
	 * each kind (an unreported reasoning count is 0: all its output counts as answer).
	 */
	private static final class Side {

		final double[] runs;

		final double[] cost;

		final double[] correct;

		final double[] input;

		final double[] reasoning;

		final double[] answer;

		Side(int capacity) {
			this.runs = new double[capacity];
			this.cost = new double[capacity];
			this.correct = new double[capacity];
			this.input = new double[capacity];
			this.reasoning = new double[capacity];
			this.answer = new double[capacity];
		}

		void add(int i, PromptMeans m) {
			double reasoning = (m.reasoning() == null) ? 0 : m.reasoning();
			this.runs[i] = m.runs();
			this.cost[i] = m.cost();
			this.correct[i] = m.correct();
			this.input[i] = m.runs() * m.input();
			this.reasoning[i] = m.runs() * reasoning;
			this.answer[i] = m.runs() * (m.generated() - reasoning);
		}

		double[] sums(int[] idx) {
			double[] s = new double[6];
			for (int i : idx) {
				s[0] += this.runs[i];
				s[1] += this.cost[i];
				s[2] += this.correct[i];
				s[3] += this.input[i];
				s[4] += this.reasoning[i];
				s[5] += this.answer[i];
			}
			return s;
		}

	}

}
