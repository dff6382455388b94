package org.tokenyield.providers.offline;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulator's mechanics that do not depend on the request's wire shape (the steps of
 * {@link SimulatorProvider}'s description): a prompt's latent difficulty, the probability
 * of a correct answer, lognormal token noise and the reference input-token count.
 */
final class SimulatedDraws {

	static final double CORRECT_FLOOR = 0.02;

	static final double CORRECT_CEILING = 0.98;

	private static final double DIFFICULTY_LOGIT_SLOPE = 3.0;

	private SimulatedDraws() {
	}

	/** Latent difficulty of a prompt: its label, moved by a stable per-prompt offset. */
	static double difficulty(long promptId, String label) {
		double base = switch ((label == null) ? "" : label.trim().toLowerCase(Locale.ROOT)) {
			case "easy" -> 0.2;
			case "hard" -> 0.8;
			default -> 0.5;
		};
		double offset = (StableSeed.unit(StableSeed.of("difficulty", promptId)) - 0.5) * 0.3;
		return SimulatedProfile.clamp(base + offset, 0, 1);
	}

	static double probabilityCorrect(SimulatedProfile profile, int budget, double d) {
		double a = SimulatedProfile.clamp(profile.accuracy(budget), 0.001, 0.999);
		double logit = Math.log(a / (1 - a)) + DIFFICULTY_LOGIT_SLOPE * (0.5 - d);
		return SimulatedProfile.clamp(1 / (1 + Math.exp(-logit)), CORRECT_FLOOR, CORRECT_CEILING);
	}

	/**
	 * The reference token estimate: ~3.8 code points per token for alphabetic text, one
	 * token per CJK character, 12 tokens of overhead, scaled by the version's tokenizer
	 * factor.
	 */
	static long inputTokens(String text, double tokenizerFactor) {
		long cjk = 0;
		long other = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (isCjk(cp)) {
				cjk++;
			}
			else {
				other++;
			}
		}
		long reference = (long) Math.ceil(other / 3.8) + cjk + 12;
		return (long) Math.ceil(reference * tokenizerFactor - 1e-9);
	}

	private static boolean isCjk(int codePoint) {
		Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
	}

	/** A lognormal draw with the given mean and coefficient of variation. */
	static double lognormal(SplittableRandom random, double mean, double cv) {
		double sigma = Math.sqrt(Math.log1p(cv * cv));
		double mu = Math.log(mean) - sigma * sigma / 2;
		return Math.exp(mu + sigma * gaussian(random));
	}

	/**
	 * Standard normal by Box-Muller (SplittableRandom has no nextGaussian on Java 17).
	 */
	private static double gaussian(SplittableRandom random) {
		double u1 = 1.0 - random.nextDouble(); // (0, 1]
		double u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}

}
