package org.tokenyield.analytics.calc;

import java.util.ArrayList;
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
 * of A_s on log2 T_s. The intervals come from one paired Poisson bootstrap over P: a
 * prompt weighs the same at every setting of a resample ({@link SweepSums}). Resamples
 * where α is undefined (some A_s = 0 in the resample) are dropped; if more than half are,
 * the interval is undefined and the regime INCONCLUSIVE. The sweet-spot-versus-largest
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
		SweepSums sums = new SweepSums(settings, seed, this.bootstrap);
		int k = settings.size();
		for (long prompt : Pairing.common(maps, m -> m.score() != null && m.generated() != null)) {
			PromptMeans[] row = new PromptMeans[k];
			for (int s = 0; s < k; s++) {
				row[s] = maps.get(s).get(prompt);
			}
			sums.add(prompt, row);
		}
		return fit(sums);
	}

	/**
	 * The fit of a sweep's sums. α, β and the sweet-spot gap are read from the same
	 * resamples: resample b's T_s and A_s are the Poisson-weighted means over P.
	 */
	public ScalingFit fit(SweepSums sums) {
		ScalingFit kept = sums.fitBy(this);
		if (kept == null) {
			kept = read(sums);
			sums.fit(kept, this);
		}
		return kept;
	}

	private ScalingFit read(SweepSums sums) {
		List<String> settings = sums.settings();
		int n = sums.prompts();
		int k = settings.size();
		if (n == 0 || k == 0) {
			return new ScalingFit(0, List.of(), Estimate.UNDEFINED, Estimate.UNDEFINED, ScalingRegime.INCONCLUSIVE,
					null, null, false);
		}
		double[] t = new double[k];
		double[] a = new double[k];
		List<ScalingPoint> points = new ArrayList<>();
		for (int s = 0; s < k; s++) {
			t[s] = sums.tokens(s);
			a[s] = sums.accuracy(s);
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
			double[][] ts = new double[k][];
			double[][] as = new double[k][];
			for (int s = 0; s < k; s++) {
				ts[s] = sums.tokenReplicates(s);
				as[s] = sums.accuracyReplicates(s);
			}
			int resamples = ts[0].length;
			double[] alphas = new double[resamples];
			double[] betas = new double[resamples];
			double[] gaps = new double[resamples];
			double[] tb = new double[k];
			double[] ab = new double[k];
			for (int b = 0; b < resamples; b++) {
				for (int s = 0; s < k; s++) {
					tb[s] = ts[s][b];
					ab[s] = as[s][b];
				}
				alphas[b] = slope(tb, ab, true);
				betas[b] = slope(tb, ab, false);
				gaps[b] = ab[sweet] - ab[largest];
			}
			alpha = this.bootstrap.estimateOf(slope(t, a, true), alphas);
			beta = this.bootstrap.estimateOf(slope(t, a, false), betas);
			peaked = sweet != largest && this.bootstrap.estimateOf(a[sweet] - a[largest], gaps).above(0);
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
