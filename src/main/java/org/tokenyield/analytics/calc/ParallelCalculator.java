package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel scaling from repeats (METRICS.md section 6).
 * <ul>
 * <li>Per prompt, n = graded samples, x = correct ones.
 * {@code pass@k = 1 − C(n−x, k)/C(n, k)}, computed as {@code 1 − Π_{i<k} (n−x−i)/(n−i)}
 * (no factorials), averaged over prompts with n >= k.</li>
 * <li>majority@k votes over the first k graded samples by sample index ("samples 0..k−1";
 * a failed or ungraded sample leaves a gap that the next one fills). Runs without a
 * normalized answer abstain. The most frequent answer wins; ties go to the answer seen at
 * the lowest sample index. The vote is correct when that answer's first run (lowest
 * sample index) is correct; nobody voting counts as wrong. When no graded run carries an
 * answer at all (imports without one), majority@k is null: not available, never 0.</li>
 * <li>pass^k (consistency: all k samples right) {@code = C(x, k)/C(n, k)}, computed as
 * {@code Π_{i<k} (x−i)/(n−i)}: the chance that k samples drawn without replacement are
 * all correct, averaged over the same prompts as pass@k.</li>
 * <li>cost k · T_c with T_c over every run with known generated tokens.</li>
 * </ul>
 */
public final class ParallelCalculator {

	/**
	 * The curve for k = 1..n. Each prompt is walked once, k by k: the pass@k and pass^k
	 * products grow by one factor per k (the same factors, in the same order, as
	 * {@link #passAtK} and {@link #passAllK}, so the numbers are bit for bit theirs) and
	 * the vote keeps its count and leader as samples join, so the cost is linear in the
	 * runs, not quadratic in the samples per prompt (500 samples per prompt took
	 * seconds).
	 */
	public ParallelCurve curve(Collection<RunObservation> runs) {
		double tokens = Stats.mean(Runs.byPrompt(runs, r -> r.generated() != null)
			.values()
			.stream()
			.mapToDouble(list -> list.stream().mapToDouble(RunObservation::generated).average().orElseThrow())
			.toArray());
		List<List<RunObservation>> prompts = new ArrayList<>(Runs.byPrompt(runs, r -> r.score() != null).values());
		int maxN = prompts.stream().mapToInt(List::size).max().orElse(0);
		int[] count = new int[maxN + 1];
		double[] pass = new double[maxN + 1];
		double[] passAll = new double[maxN + 1];
		double[] majority = new double[maxN + 1];
		boolean answered = false;
		for (List<RunObservation> samples : prompts) {
			int n = samples.size();
			int x = (int) samples.stream().filter(RunObservation::correct).count();
			double allWrong = 1.0;
			double allRight = 1.0;
			Vote vote = new Vote();
			for (int k = 1; k <= n; k++) {
				int i = k - 1;
				allWrong *= (n - x < k) ? 0.0 : (double) (n - x - i) / (n - i);
				allRight *= (double) Math.max(0, x - i) / (n - i);
				vote.add(samples.get(i), i);
				answered |= samples.get(i).normalizedAnswer() != null;
				count[k]++;
				pass[k] += 1.0 - allWrong; // allWrong is 0 once fewer than k are wrong
				passAll[k] += allRight;
				majority[k] += vote.correct() ? 1 : 0;
			}
		}
		List<ParallelPoint> points = new ArrayList<>();
		for (int k = 1; k <= maxN; k++) {
			points.add(new ParallelPoint(k, count[k], pass[k] / count[k], answered ? majority[k] / count[k] : null,
					Double.isFinite(tokens) ? k * tokens : null, passAll[k] / count[k]));
		}
		return new ParallelCurve(prompts.size(), Stats.boxed(tokens), points);
	}

	/**
	 * majority@k as samples 0, 1, ... join: the answer with the most votes, ties to the
	 * answer seen at the lowest sample index, judged by that answer's first run.
	 */
	private static final class Vote {

		// answer -> {count, first index}
		private final Map<String, int[]> votes = new HashMap<>();

		private final Map<String, Boolean> firstCorrect = new HashMap<>();

		private String leader;

		void add(RunObservation run, int index) {
			String answer = run.normalizedAnswer();
			if (answer == null || answer.isEmpty()) {
				return; // abstains
			}
			int[] v = this.votes.computeIfAbsent(answer, a -> new int[] { 0, index });
			v[0]++;
			this.firstCorrect.putIfAbsent(answer, run.correct());
			int[] lead = (this.leader == null) ? null : this.votes.get(this.leader);
			if (lead == null || v[0] > lead[0] || (v[0] == lead[0] && v[1] < lead[1])) {
				this.leader = answer;
			}
		}

		boolean correct() {
			return this.leader != null && this.firstCorrect.get(this.leader);
		}

	}

	/**
	 * Probability that at least one of k samples drawn without replacement from n (x
	 * right) is right.
	 */
	public static double passAtK(int n, int x, int k) {
		if (k < 1 || k > n || x < 0 || x > n) {
			throw new IllegalArgumentException("need 1 <= k <= n and 0 <= x <= n");
		}
		if (n - x < k) {
			return 1.0;
		}
		double allWrong = 1.0;
		for (int i = 0; i < k; i++) {
			allWrong *= (double) (n - x - i) / (n - i);
		}
		return 1.0 - allWrong;
	}

	/**
	 * Probability that all of k samples drawn without replacement from n (x right) are
	 * right.
	 */
	public static double passAllK(int n, int x, int k) {
		if (k < 1 || k > n || x < 0 || x > n) {
			throw new IllegalArgumentException("need 1 <= k <= n and 0 <= x <= n");
		}
		double allRight = 1.0;
		for (int i = 0; i < k; i++) {
			allRight *= (double) Math.max(0, x - i) / (n - i);
		}
		return allRight;
	}

}
