package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenyield.analytics.calc.Fixtures.answer;

/**
 * The linear walk of {@link ParallelCalculator#curve} against METRICS.md section 6
 * written out literally (each k on its own: pass@k and pass^k by their formulas, the vote
 * recounted over samples 0..k-1): the same numbers, bit for bit, on random repeats with
 * abstentions, ties and prompts of different sample counts.
 */
class ParallelCurveOracleTests {

	@RepeatedTest(20)
	void theLinearWalkGivesTheDefinitionsNumbers(RepetitionInfo repetition) {
		Random random = new Random(repetition.getCurrentRepetition());
		List<RunObservation> runs = new ArrayList<>();
		int prompts = 1 + random.nextInt(30);
		for (int p = 0; p < prompts; p++) {
			int n = 1 + random.nextInt(40);
			int answers = 1 + random.nextInt(4);
			for (int s = 0; s < n; s++) {
				int a = random.nextInt(answers + 1);
				String text = (a == answers) ? null : "a" + a; // one in (answers + 1)
																// abstains
				runs.add(answer(p, s, text, a == 0 || random.nextInt(5) == 0));
			}
		}
		ParallelCurve curve = new ParallelCalculator().curve(runs);
		Map<Long, List<RunObservation>> byPrompt = Runs.byPrompt(runs, r -> r.score() != null);
		int maxN = byPrompt.values().stream().mapToInt(List::size).max().orElseThrow();
		// nothing to vote on is "not available", never 0
		boolean answered = runs.stream().anyMatch(r -> r.score() != null && r.normalizedAnswer() != null);
		assertThat(curve.points()).hasSize(maxN);
		for (ParallelPoint point : curve.points()) {
			int k = point.k();
			int count = 0;
			double pass = 0;
			double passAll = 0;
			double majority = 0;
			for (List<RunObservation> samples : byPrompt.values()) {
				int n = samples.size();
				if (n < k) {
					continue;
				}
				int x = (int) samples.stream().filter(RunObservation::correct).count();
				count++;
				pass += ParallelCalculator.passAtK(n, x, k);
				passAll += ParallelCalculator.passAllK(n, x, k);
				majority += majorityOfFirst(samples, k) ? 1 : 0;
			}
			assertThat(point.prompts()).isEqualTo(count);
			assertThat(point.passAtK()).isEqualTo(pass / count);
			assertThat(point.passAllK()).isEqualTo(passAll / count);
			assertThat(point.majorityAtK()).isEqualTo(answered ? majority / count : null);
		}
	}

	/**
	 * The most frequent answer among samples 0..k-1, ties to the lowest sample index,
	 * judged by its first run.
	 */
	private static boolean majorityOfFirst(List<RunObservation> samples, int k) {
		Map<String, Integer> votes = new HashMap<>();
		int top = 0;
		for (int i = 0; i < k; i++) {
			String answer = samples.get(i).normalizedAnswer();
			if (answer != null) {
				top = Math.max(top, votes.merge(answer, 1, Integer::sum));
			}
		}
		for (int i = 0; i < k; i++) {
			RunObservation run = samples.get(i);
			if (run.normalizedAnswer() != null && votes.get(run.normalizedAnswer()) == top) {
				return run.correct();
			}
		}
		return false;
	}

}
