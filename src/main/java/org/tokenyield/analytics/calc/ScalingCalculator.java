package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scaling regime of one model over its settings (METRICS.md section 3).
 * <p>
 * P is the set of prompts graded and with known generated tokens at every setting; T_s
 * and A_s are macro means over P. α is the OLS slope of ln A_s on ln T_s, β the OLS slope
 * of A_s on log2 T_s. The intervals come from one paired bootstrap over P: every resample
 * draws the same prompts at every setting (one index array, k settings). Resamples where
 * α is undefined (some A_s = 0 in the resample) are dropped; if more than half are, the
 * interval is undefined and the regime INCONCLUSIVE. The sweet-spot-versus-largest
 * difference uses the same resamples.
 */
public final class ScalingCalculator {

	public static final double DEFAULT_EPSILON = 0.02;

	/** "Within 1 point" of the best accuracy, as a fraction. */
	public static final double EFFICIENT_TOLERANCE = 0.01;

	// absorbs rounding in "within 1 point" (0.87 - 0.01 is 0.8599999999999999 in doubles)
	private static final double ROUNDING = 1e-9;

	private static final double LN2 = Math.log(2);

	private final double epsilon;

	private final Bootstrap bootstrap;

	public ScalingCalculator() {
		this(DEFAULT_EPSILON, Bootstrap.standard());
	}

	public ScalingCalculator(double epsilon, Bootstrap bootstrap) {
		if (!(epsilon >= 0)) {
			throw new IllegalArgumentException("epsilon must be >= 0");
		}
		this.epsilon = epsilon;
		this.bootstrap = bootstrap;
	}

	/**
	 * Fits one model's sweep.
	 * @param bySetting per-prompt means of each setting of the model, in display order (a
	 * LinkedHashMap)
	 */
	public ScalingFit fit(Map<String, List<PromptMeans>> bySetting, long seed) {
		List<String> settings = new ArrayList<>(bySetting.keySet());
		List<SortedMap<Long, PromptMeans>> maps = new ArrayList<>();
		for (List<PromptMeans> means : bySetting.values()) {
			maps.add(Pairing.byPrompt(means));
		}
		long[] prompts = Pairing.common(maps, m -> m.score() != null && m.generated() != null);
		int n = prompts.length;
		int k = settings.size();
		if (n == 0 || k == 0) {
			return new ScalingFit(0, List.of(), Estimate.UNDEFINED, Estimate.UNDEFINED, ScalingRegime.INCONCLUSIVE,
					null, null, false);
		}
		double[][] tokens = new double[k][n];
		double[][] scores = new double[k][n];
		for (int s = 0; s < k; s++) {
			for (int i = 0; i < n; i++) {
				PromptMeans m = maps.get(s).get(prompts[i]);
				tokens[s][i] = m.generated();
				scores[s][i] = m.score();
			}
		}
		double[] t = new double[k];
		double[] a = new double[k];
		int[] all = Bootstrap.identity(n);
		List<ScalingPoint> points = new ArrayList<>();
		for (int s = 0; s < k; s++) {
			t[s] = Stats.mean(tokens[s], all);
			a[s] = Stats.mean(scores[s], all);
			points.add(new ScalingPoint(settings.get(s), t[s], a[s]));
		}

		int sweet = 0;
		int largest = 0;
		for (int s = 1; s < k; s++) {
			if (a[s] > a[sweet] || (a[s] == a[sweet] && t[s] < t[sweet])) {
				sweet = s;
			}
			if (t[s] > t[largest]) {
				largest = s;
			}
		}
		int efficient = -1;
		for (int s = 0; s < k; s++) {
			if (a[s] >= a[sweet] - EFFICIENT_TOLERANCE - ROUNDING && (efficient < 0 || t[s] < t[efficient])) {
				efficient = s;
			}
		}
		Estimate alpha = Estimate.UNDEFINED;
		Estimate beta = Estimate.UNDEFINED;
		boolean peaked = false;
		if (k >= 2) {
			// α, β and the sweet-spot gap on the same resamples, from one set of means
			// per resample
			int top = sweet;
			int big = largest;
			double[] ts = new double[k];
			double[] as = new double[k];
			// each prompt's k values side by side, and a resample as how often it drew
			// each prompt: one sequential pass per resample instead of 2k scattered
			// reads per draw (this fit was nearly all of a leaderboard recompute)
			double[] byPromptTokens = new double[n * k];
			double[] byPromptScores = new double[n * k];
			for (int i = 0; i < n; i++) {
				for (int s = 0; s < k; s++) {
					byPromptTokens[i * k + s] = tokens[s][i];
					byPromptScores[i * k + s] = scores[s][i];
				}
			}
			int[] drawn = new int[n];
			Estimate[] e = this.bootstrap.estimates(n, seed, 3, (idx, out) -> {
				Arrays.fill(drawn, 0);
				for (int i : idx) {
					drawn[i]++;
				}
				Arrays.fill(ts, 0);
				Arrays.fill(as, 0);
				for (int i = 0; i < n; i++) {
					int times = drawn[i];
					if (times != 0) {
						for (int s = 0, at = i * k; s < k; s++, at++) {
							ts[s] += times * byPromptTokens[at];
							as[s] += times * byPromptScores[at];
						}
					}
				}
				for (int s = 0; s < k; s++) {
					ts[s] /= n;
					as[s] /= n;
				}
				out[0] = slope(ts, as, true);
				out[1] = slope(ts, as, false);
				out[2] = as[top] - as[big];
			});
			alpha = e[0];
			beta = e[1];
			peaked = sweet != largest && e[2].above(0);
		}
		ScalingRegime regime = ScalingRegime.classify(alpha, n, this.epsilon);
		return new ScalingFit(n, points, alpha, beta, regime, settings.get(sweet), settings.get(efficient), peaked);
	}

	/**
	 * Fits per group of prompts (category, difficulty band): each group's prompts keep
	 * their rows at every setting; groups are keyed by {@code groupOf} (null keys are
	 * left out) and seeded from {@code seed} and the group name.
	 */
	public SortedMap<String, ScalingFit> fitByGroup(Map<String, List<PromptMeans>> bySetting,
			Function<PromptMeans, String> groupOf, long seed) {
		SortedMap<String, Map<String, List<PromptMeans>>> groups = new TreeMap<>();
		bySetting.forEach((setting, means) -> {
			for (PromptMeans m : means) {
				String group = groupOf.apply(m);
				if (group != null) {
					groups.computeIfAbsent(group, g -> {
						Map<String, List<PromptMeans>> empty = new LinkedHashMap<>();
						bySetting.keySet().forEach(s -> empty.put(s, new ArrayList<>()));
						return empty;
					}).get(setting).add(m);
				}
			}
		});
		SortedMap<String, ScalingFit> out = new TreeMap<>();
		groups.forEach((group, sweep) -> out.put(group, fit(sweep, Seeds.derive(seed, "group", group))));
		return out;
	}

	/** Per category. */
	public SortedMap<String, ScalingFit> fitByCategory(Map<String, List<PromptMeans>> bySetting, long seed) {
		return fitByGroup(bySetting, PromptMeans::category, seed);
	}

	/**
	 * Per difficulty band (keys are band API names; prompts without band are "unknown").
	 */
	public SortedMap<String, ScalingFit> fitByBand(Map<String, List<PromptMeans>> bySetting, Map<Long, Band> bands,
			long seed) {
		return fitByGroup(bySetting, m -> DifficultyBands.bandOf(bands, m.promptId()).apiName(), seed);
	}

	/**
	 * The OLS slope over the k settings' means of the resampled prompts: α (ln A on ln T)
	 * when {@code logLog}, else β (A on log2 T). NaN when undefined (some A_s <= 0 for α,
	 * some T_s <= 0, fewer than two distinct T_s).
	 */
	static double slope(double[] t, double[] a, boolean logLog) {
		int k = t.length;
		double[] x = new double[k];
		double[] y = new double[k];
		for (int s = 0; s < k; s++) {
			if (!(t[s] > 0) || (logLog && !(a[s] > 0))) {
				return Double.NaN;
			}
			x[s] = logLog ? Math.log(t[s]) : Math.log(t[s]) / LN2;
			y[s] = logLog ? Math.log(a[s]) : a[s];
		}
		return Stats.olsSlope(x, y);
	}

}
