package org.tokenyield.providers;

/**
 * A single call: the prompt text sent to {@code apiModel} under {@code setting}
 * ({@code default}, {@code off}, {@code thinking:N}, {@code effort:LEVEL}).
 *
 * @param maxOutputTokens cap on generated tokens (thinking included)
 * @param simulation only read by the simulator, which needs to know what a right answer
 * looks like; real providers never see it
 */
public record ProviderRequest(String apiModel, String setting, String promptText, int maxOutputTokens,
		SimulationHint simulation) {

	public ProviderRequest {
		if (apiModel == null || apiModel.isBlank()) {
			throw new IllegalArgumentException("apiModel is required");
		}
		if (setting == null || setting.isBlank()) {
			throw new IllegalArgumentException("setting is required");
		}
		if (promptText == null) {
			throw new IllegalArgumentException("promptText is required");
		}
	}

	/**
	 * What the simulator needs to play a model: a stable prompt identity, the right
	 * answer (when the grader has one), the author's difficulty label (nullable) and the
	 * sample index.
	 */
	public record SimulationHint(long promptId, String correctAnswer, String difficulty, int sample) {
	}

}
