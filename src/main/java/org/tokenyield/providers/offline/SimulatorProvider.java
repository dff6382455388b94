package org.tokenyield.providers.offline;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.ProviderRequest.SimulationHint;
import org.tokenyield.providers.SettingCheck;
import org.tokenyield.providers.Usage;

/**
 * Simulated model versions for demos, load tests and development (PRODUCT.md): no key, no
 * network, no waiting. Every reply is labelled simulated ({@code "simulated": true} in the raw
 * body, {@code x-simulated} header, and the text says so).
 *
 * <h2>Models and settings</h2> {@code apiModel} names a {@link SimulatedProfile}:
 * {@code sim-alpha-1}, {@code sim-alpha-2}, {@code sim-ponder-1}, {@code sim-steady-1}. Every
 * profile accepts {@code default}, {@code off}, {@code thinking:N} with N in [1024, 32768] and
 * {@code effort:low|medium|high} (mapped to the budgets 1024 / 4096 / 16384, see
 * {@link SimulatedSetting}); {@link #sweep(String)} lists the settings the catalog sweeps.
 *
 * <h2>Reproducibility</h2> The same request gives the same reply, on any machine: the token
 * noise comes from a {@link SplittableRandom} seeded with a stable hash ({@link StableSeed}) of
 * {@code apiModel + promptId + setting + sample}. The correctness draw alone leaves the setting
 * out (seed {@code apiModel + promptId + sample}): common random numbers, so that within one
 * version a prompt answered right at a small budget stays right wherever the curve is higher.
 * A sweep then shows the profile's curve rather than sampling noise, and a flat profile is
 * exactly flat; samples and versions still draw independently. Without a hint (a preview) the
 * prompt identity is a hash of the prompt text, the difficulty is medium and the sample is 0.
 *
 * <h2>Mechanics</h2>
 * <ol>
 * <li>Latent difficulty {@code d} in [0, 1]: the author's label (easy 0.2, medium 0.5, hard
 * 0.8; unknown or missing: medium) plus a stable per-prompt offset uniform in [-0.15, 0.15]
 * from the hash of {@code promptId}, so prompts with the same label differ. It belongs to the
 * prompt, so it is the same for every version.</li>
 * <li>{@code P(correct) = logistic(logit(A(budget)) + 3 (0.5 - d))}, clipped to [0.02, 0.98],
 * where {@code A} is the profile's accuracy curve ({@code off} = budget 0, {@code default} =
 * 512). The run is correct iff a uniform draw is below P.</li>
 * <li>Reasoning tokens: lognormal with mean {@code budget × share(d) × verbosity} (× 1.2 when
 * the answer is wrong: struggling runs think longer) and coefficient of variation 0.3 between
 * identical calls; capped at the budget for {@code thinking:N} and {@code effort:L};
 * {@code default} is a soft 512-token target the model may overrun; {@code off} thinks 0.</li>
 * <li>Visible tokens: lognormal (CV 0.3) with mean {@code 50 + 80 d} plus 2 per answer
 * character, clamped to [40, 200], all times the verbosity.</li>
 * <li>Output tokens = reasoning + visible. Reasoning is always reported: 0 with {@code off}, a
 * small amount with {@code default} (the model's own light thinking). When
 * {@code maxOutputTokens > 0} and the output would exceed it, the output is cut at the cap,
 * reasoning first, the answer line is lost and the finish reason is {@code length}.</li>
 * <li>Input tokens = {@code ceil((ceil(other code points / 3.8) + CJK code points + 12) ×
 * tokenizer factor)}: about 3.8 characters per token for alphabetic text, one token per Han,
 * kana or Hangul character, 12 tokens of chat-template overhead; the factor is 1.2 for
 * {@code sim-alpha-2}'s "new tokenizer", else 1.</li>
 * <li>Latency: {@code 200 ms + 0.05 ms per input token + 12 ms per output token}, times
 * lognormal noise (CV 0.15), reported in {@code latencyMs}; the call itself returns at once.</li>
 * </ol>
 *
 * <h2>Answer text</h2> A one-line summary, then {@code Answer: X}. Correct: X is the hint's
 * correct answer (or {@code (no reference answer)} when there is none). Wrong: a plausible
 * wrong answer: a number moved by 1 to 3 steps of 5 % (at least 1), a fraction with another
 * numerator, a different letter for a single-letter choice, yes/no and true/false flipped,
 * otherwise {@code unknown}.
 */
@Component
public class SimulatorProvider implements ModelProvider {

	static final double CORRECT_FLOOR = 0.02;

	static final double CORRECT_CEILING = 0.98;

	private static final double DIFFICULTY_LOGIT_SLOPE = 3.0;

	private static final double WRONG_REASONING_FACTOR = 1.2;

	private static final double LATENCY_CV = 0.15;

	private static final String NO_REFERENCE = "(no reference answer)";

	private static final Pattern NUMBER = Pattern.compile("^([^\\d-]*)(-?\\d[\\d,]*(?:\\.\\d+)?)([^\\d]*)$");

	private static final Pattern FRACTION = Pattern.compile("^(-?\\d+)\\s*/\\s*(\\d+)$");

	private static final Pattern LETTER = Pattern.compile("^[A-Ja-j]$");

	private static final Map<String, String> OPPOSITES = Map.of("yes", "no", "no", "yes", "true", "false", "false",
			"true");

	private static final String[] SUMMARIES = { "Worked through the question step by step.",
			"Checked the question's conditions one by one.", "Compared the candidate answers and kept one.",
			"Reasoned about the question, then verified the result." };

	@Override
	public String name() {
		return "simulator";
	}

	@Override
	public boolean configured() {
		return true;
	}

	/** The simulated model versions, as {@code apiModel} names. */
	public List<String> models() {
		return Arrays.stream(SimulatedProfile.values()).map(SimulatedProfile::apiModel).toList();
	}

	/** The settings the catalog sweeps for a simulated version; empty for an unknown one. */
	public List<String> sweep(String apiModel) {
		return SimulatedProfile.byApiModel(apiModel).map(SimulatedProfile::sweep).orElse(List.of());
	}

	@Override
	public SettingCheck check(String apiModel, String setting) {
		if (SimulatedProfile.byApiModel(apiModel).isEmpty()) {
			return SettingCheck.refused(unknownModel(apiModel));
		}
		try {
			SimulatedSetting.parse(setting);
			return SettingCheck.ok();
		}
		catch (IllegalArgumentException ex) {
			return SettingCheck.refused(ex.getMessage());
		}
	}

	@Override
	public ProviderReply complete(ProviderRequest request) throws ProviderException {
		SimulatedProfile profile = SimulatedProfile.byApiModel(request.apiModel())
			.orElseThrow(() -> ProviderException.fatal(unknownModel(request.apiModel()), 404));
		SimulatedSetting setting;
		try {
			setting = SimulatedSetting.parse(request.setting());
		}
		catch (IllegalArgumentException ex) {
			throw ProviderException.fatal(ex.getMessage(), 400);
		}
		String text = request.promptText();
		SimulationHint hint = request.simulation();
		long promptId = (hint != null) ? hint.promptId() : StableSeed.of("prompt-text", text);
		String correctAnswer = (hint != null) ? hint.correctAnswer() : null;
		String label = (hint != null) ? hint.difficulty() : null;
		int sample = (hint != null) ? hint.sample() : 0;

		SplittableRandom random = new SplittableRandom(
				StableSeed.of(profile.apiModel(), promptId, setting.label(), sample));
		double d = difficulty(promptId, label);
		double pCorrect = probabilityCorrect(profile, setting.budget(), d);
		double draw = StableSeed.unit(StableSeed.of("correct", profile.apiModel(), promptId, sample));
		boolean correct = draw < pCorrect;

		long reasoning = 0;
		if (setting.thinks()) {
			double mean = setting.budget() * profile.reasoningShare(d) * profile.verbosity()
					* (correct ? 1.0 : WRONG_REASONING_FACTOR);
			reasoning = Math.max(1, Math.round(lognormal(random, mean, profile.tokenCv())));
			if (setting.capped()) {
				reasoning = Math.min(reasoning, setting.budget());
			}
		}
		String answer = correct ? ((correctAnswer != null) ? correctAnswer : NO_REFERENCE)
				: wrongAnswer(correctAnswer, random);
		double visibleMean = 50 + 80 * d + 2 * Math.min(answer.length(), 40);
		double visibleRaw = SimulatedProfile.clamp(lognormal(random, visibleMean, profile.tokenCv()), 40, 200);
		long visible = Math.round(visibleRaw * profile.verbosity());

		String summary = "(simulated reply) " + SUMMARIES[random.nextInt(SUMMARIES.length)];
		String reply = summary + "\nAnswer: " + answer;
		String finishReason = "stop";
		int cap = request.maxOutputTokens();
		if (cap > 0 && reasoning + visible > cap) {
			reasoning = Math.min(reasoning, cap);
			visible = cap - reasoning;
			reply = (visible > 0) ? summary : "";
			finishReason = "length";
		}
		long output = reasoning + visible;
		long input = inputTokens(text, profile.tokenizerFactor());
		long latencyMs = Math.round((200 + 0.05 * input + 12 * output) * lognormal(random, 1.0, LATENCY_CV));

		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("model", profile.apiModel());
		sent.put("setting", setting.label());
		sent.put("thinking_budget", setting.budget());
		sent.put("sample", sample);
		sent.put("prompt_id", promptId);
		sent.put("prompt_chars", text.codePointCount(0, text.length()));
		sent.put("max_output_tokens", cap);
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("input_tokens", input);
		usage.put("output_tokens", output);
		usage.put("reasoning_tokens", reasoning);
		Map<String, Object> latent = new LinkedHashMap<>();
		latent.put("difficulty", round3(d));
		latent.put("p_correct", round3(pCorrect));
		latent.put("correct", correct && "stop".equals(finishReason));
		Map<String, Object> received = new LinkedHashMap<>();
		received.put("simulated", true);
		received.put("model", profile.apiModel());
		received.put("usage", usage);
		received.put("finish_reason", finishReason);
		received.put("latency_ms", latencyMs);
		received.put("latent", latent);
		JsonMapper json = JsonMapper.shared();
		return new ProviderReply(reply, new Usage(input, 0L, null, output, reasoning), finishReason, latencyMs,
				json.writeValueAsString(sent), json.writeValueAsString(received), Map.of("x-simulated", "true"));
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
	 * The reference token estimate: ~3.8 code points per token for alphabetic text, one token
	 * per CJK character, 12 tokens of overhead, scaled by the version's tokenizer factor.
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
	private static double lognormal(SplittableRandom random, double mean, double cv) {
		double sigma = Math.sqrt(Math.log1p(cv * cv));
		double mu = Math.log(mean) - sigma * sigma / 2;
		return Math.exp(mu + sigma * gaussian(random));
	}

	/** Standard normal by Box-Muller (SplittableRandom has no nextGaussian on Java 17). */
	private static double gaussian(SplittableRandom random) {
		double u1 = 1.0 - random.nextDouble(); // (0, 1]
		double u2 = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}

	/** A plausible but wrong answer of the same shape as the correct one. */
	static String wrongAnswer(String correct, SplittableRandom random) {
		if (correct == null || correct.isBlank()) {
			return "unknown";
		}
		String trimmed = correct.trim();
		if (LETTER.matcher(trimmed).matches()) {
			char expected = Character.toUpperCase(trimmed.charAt(0));
			char last = (char) Math.max('D', expected);
			char other;
			do {
				other = (char) ('A' + random.nextInt(last - 'A' + 1));
			}
			while (other == expected);
			return Character.isLowerCase(trimmed.charAt(0)) ? String.valueOf(Character.toLowerCase(other))
					: String.valueOf(other);
		}
		String opposite = OPPOSITES.get(trimmed.toLowerCase(Locale.ROOT));
		if (opposite != null) {
			return Character.isUpperCase(trimmed.charAt(0))
					? Character.toUpperCase(opposite.charAt(0)) + opposite.substring(1) : opposite;
		}
		Matcher fraction = FRACTION.matcher(trimmed);
		if (fraction.matches()) {
			BigInteger numerator = new BigInteger(fraction.group(1)).add(BigInteger.valueOf(1 + random.nextInt(2)));
			return numerator + "/" + fraction.group(2);
		}
		Matcher number = NUMBER.matcher(trimmed);
		if (number.matches() && isWellFormedNumber(number.group(2))) {
			return number.group(1) + shiftNumber(number.group(2), random) + number.group(3);
		}
		return trimmed.equalsIgnoreCase("unknown") ? "not sure" : "unknown";
	}

	private static boolean isWellFormedNumber(String digits) {
		return !digits.contains(",") || digits.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
	}

	/** Moves a number by 1 to 3 steps of 5 % of its size (at least one unit of its last digit). */
	private static String shiftNumber(String digits, SplittableRandom random) {
		boolean grouped = digits.contains(",");
		BigDecimal value = new BigDecimal(digits.replace(",", ""));
		int scale = Math.max(0, value.scale());
		BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
		BigDecimal step = value.abs().multiply(new BigDecimal("0.05")).setScale(scale, RoundingMode.HALF_UP).max(unit);
		int steps = 1 + random.nextInt(3);
		boolean down = random.nextBoolean();
		BigDecimal shifted = down ? value.subtract(step.multiply(BigDecimal.valueOf(steps)))
				: value.add(step.multiply(BigDecimal.valueOf(steps)));
		if (value.signum() >= 0 && shifted.signum() < 0) {
			shifted = value.add(step.multiply(BigDecimal.valueOf(steps)));
		}
		shifted = shifted.setScale(scale, RoundingMode.HALF_UP);
		if (!grouped) {
			return shifted.toPlainString();
		}
		DecimalFormat format = new DecimalFormat((scale > 0) ? "#,##0." + "0".repeat(scale) : "#,##0",
				DecimalFormatSymbols.getInstance(Locale.ROOT));
		return format.format(shifted);
	}

	private static double round3(double x) {
		return Math.round(x * 1000) / 1000.0;
	}

	private static String unknownModel(String apiModel) {
		return "Unknown simulated model '" + apiModel + "'; the simulator plays "
				+ String.join(", ", Arrays.stream(SimulatedProfile.values()).map(SimulatedProfile::apiModel).toList());
	}

}
