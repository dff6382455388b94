package org.tokenyield.providers.offline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.ProviderRequest.SimulationHint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class SimulatorProviderTests {

	private static final String[] DIFFICULTIES = { "easy", "medium", "hard" };

	private final SimulatorProvider provider = new SimulatorProvider();

	@Test
	void describesItself() {
		assertThat(this.provider.name()).isEqualTo("simulator");
		assertThat(this.provider.configured()).isTrue();
		assertThat(this.provider.generates()).isTrue();
		assertThat(this.provider.models()).containsExactly("sim-alpha-1", "sim-alpha-2", "sim-ponder-1",
				"sim-steady-1");
		assertThat(this.provider.sweep("sim-ponder-1")).containsExactly("thinking:1024", "thinking:2048",
				"thinking:4096", "thinking:8192", "thinking:16384");
		assertThat(this.provider.sweep("nope")).isEmpty();
	}

	@Test
	void sameRequestGivesTheSameReply() throws ProviderException {
		ProviderReply first = call("sim-alpha-1", "thinking:4096", 17, 2);
		ProviderReply second = call("sim-alpha-1", "thinking:4096", 17, 2);
		assertThat(second.usage()).isEqualTo(first.usage());
		assertThat(second.text()).isEqualTo(first.text());
		assertThat(second.latencyMs()).isEqualTo(first.latencyMs());
		assertThat(second.rawBody()).isEqualTo(first.rawBody());
		assertThat(second.requestBody()).isEqualTo(first.requestBody());
	}

	@Test
	void samplesOfTheSameCallSwing() throws ProviderException {
		Set<Long> generated = new HashSet<>();
		double sum = 0;
		double sumSquares = 0;
		int n = 40;
		for (int sample = 0; sample < n; sample++) {
			long g = call("sim-steady-1", "effort:medium", 5, sample).usage().outputTokens();
			generated.add(g);
			sum += g;
			sumSquares += (double) g * g;
		}
		assertThat(generated).hasSizeGreaterThan(n - 3);
		double mean = sum / n;
		double cv = Math.sqrt((sumSquares - n * mean * mean) / (n - 1)) / mean;
		assertThat(cv).isBetween(0.15, 0.45);
	}

	@Test
	void reasoningIsPartOfOutputAndFollowsTheSetting() throws ProviderException {
		for (int prompt = 0; prompt < 50; prompt++) {
			for (String setting : List.of("off", "default", "thinking:1024", "effort:high", "thinking:32768")) {
				ProviderReply reply = call("sim-ponder-1", setting, prompt, 0);
				long output = reply.usage().outputTokens();
				long reasoning = reply.usage().reasoningTokens();
				assertThat(reasoning).isLessThanOrEqualTo(output);
				assertThat(output - reasoning).isBetween(40L, 200L);
				switch (setting) {
					case "off" -> assertThat(reasoning).isZero();
					case "default" -> assertThat(reasoning).isBetween(1L, 1500L);
					case "thinking:1024" -> assertThat(reasoning).isBetween(1L, 1024L);
					case "effort:high" -> assertThat(reasoning).isBetween(1L, 16384L);
					default -> assertThat(reasoning).isBetween(1L, 32768L);
				}
				assertThat(reply.finishReason()).isEqualTo("stop");
				assertThat(reply.text()).startsWith("(simulated reply)").contains("\nAnswer: ");
			}
		}
	}

	@Test
	void verboseSuccessorSpendsAboutHalfAsMuchAgainAndTokenizesLarger() throws ProviderException {
		for (String setting : List.of("default", "thinking:4096")) {
			double logGenerated = 0;
			double logInput = 0;
			int prompts = 200;
			for (int prompt = 0; prompt < prompts; prompt++) {
				ProviderReply older = call("sim-alpha-1", setting, prompt, 0);
				ProviderReply newer = call("sim-alpha-2", setting, prompt, 0);
				logGenerated += Math.log((double) newer.usage().outputTokens() / older.usage().outputTokens());
				logInput += Math.log((double) newer.usage().inputTokens() / older.usage().inputTokens());
			}
			assertThat(Math.exp(logGenerated / prompts)).as(setting).isCloseTo(1.45, within(0.10));
			assertThat(Math.exp(logInput / prompts)).as(setting).isCloseTo(1.20, within(0.02));
		}
	}

	@Test
	void productiveSweepGainsAccuracyWithBudget() throws ProviderException {
		double atDefault = correctRate("sim-alpha-1", "default", 400);
		double atLargest = correctRate("sim-alpha-1", "thinking:16384", 400);
		assertThat(atDefault).isBetween(0.45, 0.65);
		assertThat(atLargest).isBetween(0.70, 0.88);
		assertThat(atLargest - atDefault).isGreaterThan(0.15);
	}

	@Test
	void overthinkerLosesAccuracyWithBudget() throws ProviderException {
		double small = correctRate("sim-ponder-1", "thinking:1024", 400);
		double large = correctRate("sim-ponder-1", "thinking:16384", 400);
		assertThat(small).isBetween(0.78, 0.95);
		assertThat(large).isBetween(0.60, 0.78);
		assertThat(small - large).isGreaterThan(0.10);
		assertThat(meanGenerated("sim-ponder-1", "thinking:16384", 100))
			.isGreaterThan(8 * meanGenerated("sim-ponder-1", "thinking:1024", 100));
	}

	@Test
	void steadyModelIsFlatWhileItsTokensGrow() throws ProviderException {
		double low = correctRate("sim-steady-1", "effort:low", 400);
		double high = correctRate("sim-steady-1", "effort:high", 400);
		assertThat(low).isBetween(0.55, 0.75);
		assertThat(high).isCloseTo(low, within(0.03));
		assertThat(meanGenerated("sim-steady-1", "effort:high", 100))
			.isGreaterThan(5 * meanGenerated("sim-steady-1", "effort:low", 100));
	}

	@Test
	void harderPromptsAreAnsweredLessOften() throws ProviderException {
		int easy = 0;
		int hard = 0;
		for (int prompt = 0; prompt < 300; prompt++) {
			easy += isCorrect(this.provider.complete(request("sim-steady-1", "default", prompt, "easy", 0))) ? 1 : 0;
			hard += isCorrect(this.provider.complete(request("sim-steady-1", "default", prompt, "hard", 0))) ? 1 : 0;
		}
		assertThat(easy).isGreaterThan(hard + 45);
	}

	@Test
	void outputCapCutsTheAnswerOff() throws ProviderException {
		ProviderRequest request = new ProviderRequest("sim-ponder-1", "thinking:16384", "Long question?", 2000,
				new SimulationHint(3, "42", "hard", 0));
		ProviderReply reply = this.provider.complete(request);
		assertThat(reply.finishReason()).isEqualTo("length");
		assertThat(reply.usage().outputTokens()).isEqualTo(2000);
		assertThat(reply.text()).doesNotContain("Answer:");
	}

	@Test
	void worksWithoutAHint() throws ProviderException {
		ProviderRequest request = new ProviderRequest("sim-alpha-1", "default", "Preview this prompt.", 0, null);
		ProviderReply first = this.provider.complete(request);
		assertThat(answerLine(first)).isIn("(no reference answer)", "unknown");
		assertThat(this.provider.complete(request).usage()).isEqualTo(first.usage());
	}

	@Test
	void inputTokensFollowTheEstimateAndTheTokenizerFactor() throws ProviderException {
		assertThat(SimulatedDraws.inputTokens("", 1.0)).isEqualTo(12);
		assertThat(SimulatedDraws.inputTokens("abcdefgh", 1.0)).isEqualTo(3 + 12);
		assertThat(SimulatedDraws.inputTokens("東京は日本の首都です", 1.0)).isEqualTo(10 + 12);
		assertThat(SimulatedDraws.inputTokens("서울", 1.2)).isEqualTo(17);
		ProviderReply reply = this.provider.complete(new ProviderRequest("sim-alpha-2", "off", "abcdefgh", 0, null));
		assertThat(reply.usage().inputTokens()).isEqualTo(18);
	}

	@Test
	void bodiesAreJsonAndSayTheyAreSimulated() throws ProviderException {
		ProviderReply reply = call("sim-alpha-2", "effort:low", 9, 1);
		JsonNode raw = JsonMapper.shared().readTree(reply.rawBody());
		assertThat(raw.get("simulated").asBoolean()).isTrue();
		assertThat(raw.get("usage").get("output_tokens").asLong()).isEqualTo(reply.usage().outputTokens());
		assertThat(raw.get("usage").get("reasoning_tokens").asLong()).isEqualTo(reply.usage().reasoningTokens());
		JsonNode sent = JsonMapper.shared().readTree(reply.requestBody());
		assertThat(sent.get("model").asString()).isEqualTo("sim-alpha-2");
		assertThat(sent.get("setting").asString()).isEqualTo("effort:low");
		assertThat(sent.get("sample").asInt()).isEqualTo(1);
		assertThat(reply.headers()).containsEntry("x-simulated", "true");
	}

	@Test
	void wrongAnswersKeepTheShapeButNotTheValue() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 50; i++) {
			assertThat(SimulatedAnswers.wrong("B", random)).matches("[ACD]");
			assertThat(SimulatedAnswers.wrong("G", random)).matches("[A-F]");
			String thousand = SimulatedAnswers.wrong("1,000", random);
			assertThat(thousand).matches("\\d{1},\\d{3}|\\d{3}").isNotEqualTo("1,000");
			assertThat(Math.abs(Double.parseDouble(thousand.replace(",", "")) - 1000)).isGreaterThanOrEqualTo(50);
			assertThat(SimulatedAnswers.wrong("0.5", random)).matches("\\d\\.\\d").isNotEqualTo("0.5");
			assertThat(SimulatedAnswers.wrong("0", random)).isIn("1", "2", "3");
			assertThat(SimulatedAnswers.wrong("3/4", random)).isIn("4/4", "5/4");
			assertThat(SimulatedAnswers.wrong("-12", random)).matches("-\\d+").isNotEqualTo("-12");
			assertThat(SimulatedAnswers.wrong("$20", random)).matches("\\$\\d+").isNotEqualTo("$20");
		}
		assertThat(SimulatedAnswers.wrong("Yes", random)).isEqualTo("No");
		assertThat(SimulatedAnswers.wrong("false", random)).isEqualTo("true");
		assertThat(SimulatedAnswers.wrong("Paris", random)).isEqualTo("unknown");
		assertThat(SimulatedAnswers.wrong("東京", random)).isEqualTo("unknown");
		assertThat(SimulatedAnswers.wrong(null, random)).isEqualTo("unknown");
	}

	@Test
	void checkRefusesSettingsOutsideTheFamily() {
		for (String model : this.provider.models()) {
			for (String setting : this.provider.sweep(model)) {
				assertThat(this.provider.check(model, setting).accepted()).as(model + " " + setting).isTrue();
			}
			for (String setting : List.of("off", "default", "effort:low", "effort:medium", "effort:high",
					"thinking:1024", "thinking:32768")) {
				assertThat(this.provider.check(model, setting).accepted()).as(model + " " + setting).isTrue();
			}
		}
		assertThat(this.provider.check("sim-alpha-1", "thinking:512").reason()).contains("512");
		assertThat(this.provider.check("sim-alpha-1", "thinking:65536").reason()).contains("65536");
		assertThat(this.provider.check("sim-alpha-1", "thinking:lots").accepted()).isFalse();
		assertThat(this.provider.check("sim-alpha-1", "effort:extreme").reason()).contains("extreme");
		assertThat(this.provider.check("sim-alpha-1", "effort:minimal").accepted()).isFalse();
		assertThat(this.provider.check("sim-alpha-1", "turbo").accepted()).isFalse();
		assertThat(this.provider.check("sim-omega-9", "default").reason()).contains("sim-omega-9");
	}

	@Test
	void completeRefusesWhatCheckRefuses() {
		assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> call("sim-omega-9", "default", 1, 0))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse());
		assertThatExceptionOfType(ProviderException.class)
			.isThrownBy(() -> call("sim-alpha-1", "thinking:100000", 1, 0))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse());
	}

	private double correctRate(String model, String setting, int prompts) throws ProviderException {
		int correct = 0;
		for (int prompt = 0; prompt < prompts; prompt++) {
			correct += isCorrect(call(model, setting, prompt, 0)) ? 1 : 0;
		}
		return (double) correct / prompts;
	}

	private double meanGenerated(String model, String setting, int prompts) throws ProviderException {
		double sum = 0;
		for (int prompt = 0; prompt < prompts; prompt++) {
			sum += call(model, setting, prompt, 0).usage().outputTokens();
		}
		return sum / prompts;
	}

	private boolean isCorrect(ProviderReply reply) {
		return answerLine(reply).equals(correctAnswer(idOf(reply)));
	}

	private static long idOf(ProviderReply reply) {
		return JsonMapper.shared().readTree(reply.requestBody()).get("prompt_id").asLong();
	}

	private static String answerLine(ProviderReply reply) {
		String[] lines = reply.text().split("\n");
		String last = lines[lines.length - 1];
		assertThat(last).startsWith("Answer: ");
		return last.substring("Answer: ".length());
	}

	private ProviderReply call(String model, String setting, int prompt, int sample) throws ProviderException {
		return this.provider.complete(request(model, setting, prompt, DIFFICULTIES[prompt % 3], sample));
	}

	/** A synthetic prompt: answers alternate between numbers, letters and words. */
	private static ProviderRequest request(String model, String setting, long prompt, String difficulty, int sample) {
		String text = "Synthetic question number " + prompt + ": " + "think about it. ".repeat((int) (prompt % 7) + 1)
				+ "\nAnswer: ...";
		return new ProviderRequest(model, setting, text, 0,
				new SimulationHint(prompt, correctAnswer(prompt), difficulty, sample));
	}

	private static String correctAnswer(long prompt) {
		return switch ((int) (prompt % 3)) {
			case 0 -> String.valueOf(prompt * 7 + 3);
			case 1 -> String.valueOf((char) ('A' + prompt % 4));
			default -> "word" + prompt;
		};
	}

}
