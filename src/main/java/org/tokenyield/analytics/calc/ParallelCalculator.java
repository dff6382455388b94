package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel scaling from repeats (METRICS.md section 6).
 * <ul>
 * <li>Per prompt, n = graded samples, x = correct ones. {@code pass@k = 1 − C(n−x, k)/C(n, k)},
 * computed as {@code 1 − Π_{i<k} (n−x−i)/(n−i)} (no factorials), averaged over prompts with
 * n >= k.</li>
 * <li>majority@k votes over the first k graded samples by sample index ("samples 0..k−1"; a
 * failed or ungraded sample leaves a gap that the next one fills). Runs without a normalized
 * answer abstain. The most frequent answer wins; ties go to the answer seen at the lowest sample
 * index. The vote is correct when that answer's first run (lowest sample index) is correct;
 * nobody voting counts as wrong.</li>
 * <li>pass^k (consistency: all k samples right) {@code = C(x, k)/C(n, k)}, computed as
 * {@code Π_{i<k} (x−i)/(n−i)}: the chance that k samples drawn without replacement are all
 * correct, averaged over the same prompts as pass@k.</li>
 * <li>cost k · T_c with T_c over every run with known generated tokens.</li>
 * </ul>
 */
public final class ParallelCalculator {

	public ParallelCurve curve(Collection<RunObservation> runs) {
		double tokens = Stats.mean(Runs.byPrompt(runs, r -> r.generated() != null)
			.values()
			.stream()
			.mapToDouble(list -> list.stream().mapToDouble(RunObservation::generated).average().orElseThrow())
			.toArray());
		List<List<RunObservation>> prompts = new ArrayList<>(Runs.byPrompt(runs, r -> r.score() != null).values());
		int maxN = prompts.stream().mapToInt(List::size).max().orElse(0);
		List<ParallelPoint> points = new ArrayList<>();
		for (int k = 1; k <= maxN; k++) {
			int count = 0;
			double pass = 0;
			double majority = 0;
			double passAll = 0;
			for (List<RunObservation> samples : prompts) {
				int n = samples.size();
				if (n < k) {
					continue;
				}
				int x = (int) samples.stream().filter(RunObservation::correct).count();
				count++;
				pass += passAtK(n, x, k);
				passAll += passAllK(n, x, k);
				majority += majorityCorrect(samples, k) ? 1 : 0;
			}
			points.add(new ParallelPoint(k, count, pass / count, majority / count,
					Double.isFinite(tokens) ? k * tokens : null, passAll / count));
		}
		return new ParallelCurve(prompts.size(), Stats.boxed(tokens), points);
	}

	/** Probability that at least one of k samples drawn without replacement from n (x right) is right. */
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

	/** Probability that all of k samples drawn without replacement from n (x right) are right. */
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

	/** The majority vote over the first k samples (already in sample order). */
	static boolean majorityCorrect(List<RunObservation> samples, int k) {
		Map<String, Integer> votes = new HashMap<>();
		int top = 0;
		for (int i = 0; i < k; i++) {
			String answer = samples.get(i).normalizedAnswer();
			if (answer != null) {
				top = Math.max(top, votes.merge(answer, 1, Integer::sum));
			}
		}
		// among the answers with the most votes, the one seen at the lowest sample index, judged
		// by that first run
		for (int i = 0; i < k; i++) {
			RunObservation run = samples.get(i);
			if (run.normalizedAnswer() != null && votes.get(run.normalizedAnswer()) == top) {
				return run.correct();
			}
		}
		return false;
	}

}
