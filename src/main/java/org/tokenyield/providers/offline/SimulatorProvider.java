package org.tokenyield.providers.offline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
 * network, no waiting. Every reply is labelled simulated ({@code "simulated": true} in
 * the raw body, {@code x-simulated} header, and the text says so).
 *
 * <h2>Models and settings</h2> {@code apiModel} names a {@link SimulatedProfile}:
 * {@code sim-alpha-1}, {@code sim-alpha-2}, {@code sim-ponder-1}, {@code sim-steady-1}.
 * Every profile accepts {@code default}, {@code off}, {@code thinking:N} with N in [1024,
 * 32768] and {@code effort:low|medium|high} (mapped to the budgets 1024 / 4096 / 16384,
 * see {@link SimulatedSetting}); {@link #sweep(String)} lists the settings the catalog
 * sweeps.
 *
 * <h2>Reproducibility</h2> The same request gives the same reply, on any machine: the
 * token noise comes from a {@link SplittableRandom} seeded with a stable hash
 * ({@link StableSeed}) of {@code apiModel + promptId + setting + sample}. The correctness
 * draw alone leaves the setting out (seed {@code apiModel + promptId + sample}): common
 * random numbers, so that within one version a prompt answered right at a small budget
 * stays right wherever the curve is higher. A sweep then shows the profile's curve rather
 * than sampling noise, and a flat profile is exactly flat; samples and versions still
 * draw independently. Without a hint (a preview) the prompt identity is a hash of the
 * prompt text, the difficulty is medium and the sample is 0.
 *
 * <h2>Mechanics</h2>
 * <ol>
 * <li>Latent difficulty {@code d} in [0, 1]: the author's label (easy 0.2, medium 0.5,
 * hard 0.8; unknown or missing: medium) plus a stable per-prompt offset uniform in
 * [-0.15, 0.15] from the hash of {@code promptId}, so prompts with the same label differ.
 * It belongs to the prompt, so it is the same for every version.</li>
 * <li>{@code P(correct) = logistic(logit(A(budget)) + 3 (0.5 - d))}, clipped to [0.02,
 * 0.98], where {@code A} is the profile's accuracy curve ({@code off} = budget 0,
 * {@code default} = 512). The run is correct iff a uniform draw is below P.</li>
 * <li>Reasoning tokens: lognormal with mean {@code budget × share(d) × verbosity} (× 1.2
 * when the answer is wrong: struggling runs think longer) and coefficient of variation
 * 0.3 between identical calls; capped at the budget for {@code thinking:N} and
 * {@code effort:L}; {@code default} is a soft 512-token target the model may overrun;
 * {@code off} thinks 0.</li>
 * <li>Visible tokens: lognormal (CV 0.3) with mean {@code 50 + 80 d} plus 2 per answer
 * character, clamped to [40, 200], all times the verbosity.</li>
 * <li>Output tokens = reasoning + visible. Reasoning is always reported: 0 with
 * {@code off}, a small amount with {@code default} (the model's own light thinking). When
 * {@code maxOutputTokens > 0} and the output would exceed it, the output is cut at the
 * cap, reasoning first, the answer line is lost and the finish reason is
 * {@code length}.</li>
 * <li>Input tokens = {@code ceil((ceil(other code points / 3.8) + CJK code points + 12) ×
 * tokenizer factor)}: about 3.8 characters per token for alphabetic text, one token per
 * Han, kana or Hangul character, 12 tokens of chat-template overhead; the factor is 1.2
 * for {@code sim-alpha-2}'s "new tokenizer", else 1.</li>
 * <li>Latency: {@code 200 ms + 0.05 ms per input token + 12 ms per output token}, times
 * lognormal noise (CV 0.15), reported in {@code latencyMs}; the call itself returns at
 * once.</li>
 * </ol>
 *
 * <h2>Answer text</h2> A one-line summary, then {@code Answer: X}. Correct: X is the
 * hint's correct answer (or {@code (no reference answer)} when there is none). Wrong: a
 * plausible wrong answer: a number moved by 1 to 3 steps of 5 % (at least 1), a fraction
 * with another numerator, a different letter for a single-letter choice, yes/no and
 * true/false flipped, otherwise {@code unknown}.
 */
@Component
public class SimulatorProvider implements ModelProvider {

	private static final double WRONG_REASONING_FACTOR = 1.2;

	private static final double LATENCY_CV = 0.15;

	private static final String NO_REFERENCE = "(no reference answer)";

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

	/**
	 * The settings the catalog sweeps for a simulated version; empty for an unknown one.
	 */
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
		double d = SimulatedDraws.difficulty(promptId, label);
		double pCorrect = SimulatedDraws.probabilityCorrect(profile, setting.budget(), d);
		double draw = StableSeed.unit(StableSeed.of("correct", profile.apiModel(), promptId, sample));
		boolean correct = draw < pCorrect;

		long reasoning = 0;
		if (setting.thinks()) {
			double mean = setting.budget() * profile.reasoningShare(d) * profile.verbosity()
					* (correct ? 1.0 : WRONG_REASONING_FACTOR);
			reasoning = Math.max(1, Math.round(SimulatedDraws.lognormal(random, mean, profile.tokenCv())));
			if (setting.capped()) {
				reasoning = Math.min(reasoning, setting.budget());
			}
		}
		String answer = correct ? ((correctAnswer != null) ? correctAnswer : NO_REFERENCE)
				: SimulatedAnswers.wrong(correctAnswer, random);
		double visibleMean = 50 + 80 * d + 2 * Math.min(answer.length(), 40);
		double visibleRaw = SimulatedProfile.clamp(SimulatedDraws.lognormal(random, visibleMean, profile.tokenCv()), 40,
				200);
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
		long input = SimulatedDraws.inputTokens(text, profile.tokenizerFactor());
		long latencyMs = Math
			.round((200 + 0.05 * input + 12 * output) * SimulatedDraws.lognormal(random, 1.0, LATENCY_CV));

		return new ProviderReply(reply, new Usage(input, 0L, null, output, reasoning), finishReason, latencyMs,
				SimulatedExchange.sent(profile, setting, sample, promptId, text, cap),
				SimulatedExchange.received(profile, input, output, reasoning, finishReason, latencyMs, d, pCorrect,
						correct && "stop".equals(finishReason)),
				Map.of("x-simulated", "true"));
	}

	private static String unknownModel(String apiModel) {
		return "Unknown simulated model '" + apiModel + "'; the simulator plays "
				+ String.join(", ", Arrays.stream(SimulatedProfile.values()).map(SimulatedProfile::apiModel).toList());
	}

}
