package org.tokenyield.providers.offline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The simulated model versions. Each profile fixes an accuracy curve over the thinking
 * budget, how much of the budget it spends, how verbose it is and how its tokenizer
 * compares with the reference one. The curves reproduce the four cases the product is
 * about (PRODUCT.md): tokens that help ({@link #ALPHA_1}), tokens that are pure overhead
 * ({@link #ALPHA_2} against {@link #ALPHA_1}), tokens that hurt ({@link #PONDER_1}) and
 * tokens that do nothing ({@link #STEADY_1}).
 *
 * <p>
 * {@link #accuracy(int)} is the accuracy on a prompt of medium latent difficulty (0.5) at
 * a thinking budget ({@code off} = 0, {@code default} = 512); the simulator shifts it by
 * difficulty on the logit scale, so the mean over a mixed prompt set sits slightly closer
 * to 0.5 than the curve.
 */
enum SimulatedProfile {

	/**
	 * Productive sweep: +5 accuracy points per doubling of the budget, from 0.55 at
	 * {@code default} (512) to 0.80 at 16384 (0.45 with thinking off, at most 0.85).
	 * Tokens grow about linearly with the budget, so the log-log slope is positive and
	 * well below 1.
	 */
	ALPHA_1("sim-alpha-1", List.of("default", "thinking:1024", "thinking:4096", "thinking:16384"), 0.20, 0.25, 1.0, 1.0,
			0.30) {

		@Override
		double accuracy(int budget) {
			if (budget <= 0) {
				return 0.45;
			}
			return clamp(0.55 + 0.05 * log2(budget / 512.0), 0.45, 0.85);
		}

	},

	/**
	 * Verbose successor of {@link #ALPHA_1}: the same accuracy curve, 1.45 times the
	 * generated tokens (reasoning and visible alike) and a "new tokenizer" counting 1.2
	 * times the input tokens for the same text. Against its predecessor the verdict
	 * should read "overhead".
	 */
	ALPHA_2("sim-alpha-2", List.of("default", "thinking:1024", "thinking:4096", "thinking:16384"), 0.20, 0.25, 1.45,
			1.2, 0.30) {

		@Override
		double accuracy(int budget) {
			return ALPHA_1.accuracy(budget);
		}

	},

	/**
	 * Overthinker: best at 1024 (0.87), then -4.25 points per doubling down to 0.70 at
	 * 16384; below 1024 it has not thought enough (0.81 at {@code default}, 0.75 with
	 * thinking off). It spends most of whatever budget it gets.
	 */
	PONDER_1("sim-ponder-1",
			List.of("thinking:1024", "thinking:2048", "thinking:4096", "thinking:8192", "thinking:16384"), 0.55, 0.30,
			1.0, 1.0, 0.30) {

		@Override
		double accuracy(int budget) {
			if (budget <= 0) {
				return 0.75;
			}
			if (budget < 1024) {
				return 0.87 - 0.06 * log2(1024.0 / budget);
			}
			return 0.87 - 0.0425 * log2(budget / 1024.0);
		}

	},

	/** Flat: tokens grow with the budget, accuracy stays at 0.65 whatever the budget. */
	STEADY_1("sim-steady-1", List.of("default", "effort:low", "effort:medium", "effort:high"), 0.30, 0.20, 1.0, 1.0,
			0.30) {

		@Override
		double accuracy(int budget) {
			return 0.65;
		}

	};

	private final String apiModel;

	private final List<String> sweep;

	private final double reasoningShareBase;

	private final double reasoningShareSlope;

	private final double verbosity;

	private final double tokenizerFactor;

	private final double tokenCv;

	SimulatedProfile(String apiModel, List<String> sweep, double reasoningShareBase, double reasoningShareSlope,
			double verbosity, double tokenizerFactor, double tokenCv) {
		this.apiModel = apiModel;
		this.sweep = sweep;
		this.reasoningShareBase = reasoningShareBase;
		this.reasoningShareSlope = reasoningShareSlope;
		this.verbosity = verbosity;
		this.tokenizerFactor = tokenizerFactor;
		this.tokenCv = tokenCv;
	}

	/** Accuracy at medium difficulty for a thinking budget (0 = off). */
	abstract double accuracy(int budget);

	String apiModel() {
		return this.apiModel;
	}

	/**
	 * The settings the catalog sweeps for this version (any other valid setting is
	 * accepted too).
	 */
	List<String> sweep() {
		return this.sweep;
	}

	/**
	 * Mean share of the budget spent on reasoning at latent difficulty {@code d}, before
	 * the verbosity factor: harder prompts make the model think longer.
	 */
	double reasoningShare(double d) {
		return this.reasoningShareBase + this.reasoningShareSlope * d;
	}

	/** Multiplies every generated token (reasoning and visible). */
	double verbosity() {
		return this.verbosity;
	}

	/**
	 * Input tokens of this version's tokenizer per input token of the reference estimate.
	 */
	double tokenizerFactor() {
		return this.tokenizerFactor;
	}

	/** Coefficient of variation of generated tokens between identical calls. */
	double tokenCv() {
		return this.tokenCv;
	}

	static Optional<SimulatedProfile> byApiModel(String apiModel) {
		return Arrays.stream(values()).filter((profile) -> profile.apiModel.equals(apiModel)).findFirst();
	}

	static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

	static double clamp(double x, double low, double high) {
		return Math.max(low, Math.min(high, x));
	}

}
