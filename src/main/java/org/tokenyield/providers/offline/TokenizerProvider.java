package org.tokenyield.providers.offline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.SettingCheck;
import org.tokenyield.providers.TokenCounter;
import org.tokenyield.providers.Usage;

/**
 * Real input-token counts from the tokenizers that ship inside jtokkit (PROVIDERS.md,
 * "Local tokenizers") and from the open vocabularies of other families
 * ({@link OpenVocabulary}, loaded as jtokkit custom encodings): {@code apiModel} names
 * the encoding, one of {@link #ENCODINGS}. Nothing is generated and nothing is graded;
 * the point is tokenizer drift measured for real, offline.
 *
 * <p>
 * Counting choice: {@link Encoding#countTokensOrdinary(String)}. Prompt text is user
 * text, so a literal {@code <|endoftext|>} inside it is counted as the ordinary
 * characters it is (which is what an API does with user content);
 * {@link Encoding#countTokens(String)} would refuse such text instead. The count is of
 * the prompt text alone: no chat-template overhead (the few tokens a chat API adds per
 * message) is added, because that overhead depends on the API, not on the encoding.
 *
 * <p>
 * The only setting is {@code default}: a tokenizer has no thinking to budget. Other
 * settings are refused by {@link #check} and by {@link #complete} alike, so that a run is
 * never recorded under a setting that did not change anything.
 */
@Component
public class TokenizerProvider implements ModelProvider, TokenCounter {

	/** OpenAI's encodings that ship inside jtokkit, oldest first. */
	private static final List<String> OPENAI_ENCODINGS = List.of("r50k_base", "p50k_base", "cl100k_base", "o200k_base");

	/**
	 * The encodings this provider accepts as {@code apiModel}: OpenAI's, then the open
	 * vocabularies of other families ({@link OpenVocabulary}).
	 */
	public static final List<String> ENCODINGS = Stream
		.concat(OPENAI_ENCODINGS.stream(), OpenVocabulary.ALL.stream().map(OpenVocabulary::name))
		.toList();

	static final String DEFAULT_SETTING = "default";

	@Override
	public String name() {
		return "tokenizer";
	}

	@Override
	public boolean configured() {
		return true;
	}

	@Override
	public boolean generates() {
		return false;
	}

	@Override
	public SettingCheck check(String apiModel, String setting) {
		if (apiModel == null || !ENCODINGS.contains(apiModel)) {
			return SettingCheck.refused("Unknown encoding '" + apiModel + "'; the tokenizer provider knows "
					+ String.join(", ", ENCODINGS));
		}
		if (!DEFAULT_SETTING.equals(setting)) {
			return SettingCheck
				.refused("A tokenizer only counts input tokens: the only setting is 'default', not '" + setting + "'");
		}
		return SettingCheck.ok();
	}

	@Override
	public ProviderReply complete(ProviderRequest request) throws ProviderException {
		if (!ENCODINGS.contains(request.apiModel())) {
			throw ProviderException.fatal("Unknown encoding '" + request.apiModel() + "'; the tokenizer provider knows "
					+ String.join(", ", ENCODINGS), 404);
		}
		if (!DEFAULT_SETTING.equals(request.setting())) {
			throw ProviderException
				.fatal("A tokenizer only accepts the setting 'default', not '" + request.setting() + "'", 400);
		}
		String text = request.promptText();
		long started = System.nanoTime();
		int tokens = count(request.apiModel(), text);
		long latencyMs = (System.nanoTime() - started) / 1_000_000L;

		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("encoding", request.apiModel());
		sent.put("chars", text.codePointCount(0, text.length()));
		Map<String, Object> received = new LinkedHashMap<>();
		received.put("input_tokens", tokens);
		JsonMapper json = JsonMapper.shared();
		return new ProviderReply(null, Usage.inputOnly(tokens), "stop", latencyMs, json.writeValueAsString(sent),
				json.writeValueAsString(received), Map.of());
	}

	/** The number of tokens of {@code text} under the named encoding (ordinary text). */
	@Override
	public int count(String encodingName, String text) {
		Optional<OpenVocabulary> open = OpenVocabulary.named(encodingName);
		if (open.isPresent()) {
			return open(open.get()).countTokensOrdinary(open.get().normalize(text));
		}
		// jtokkit also knows p50k_edit, which is not a model's input encoding: keep it
		// out
		EncodingType type = Optional.of(encodingName)
			.filter(OPENAI_ENCODINGS::contains)
			.flatMap(EncodingType::fromName)
			.orElseThrow(() -> new IllegalArgumentException("Unknown encoding " + encodingName));
		return Registry.INSTANCE.getEncoding(type).countTokensOrdinary(text);
	}

	/**
	 * An open vocabulary is read (about a second, 1 MB compressed) and registered the
	 * first time it is asked for, once: the lock only guards the registration, not the
	 * counting.
	 */
	private static Encoding open(OpenVocabulary vocabulary) {
		Optional<Encoding> known = Registry.INSTANCE.getEncoding(vocabulary.name());
		if (known.isPresent()) {
			return known.get();
		}
		synchronized (Registry.INSTANCE) {
			return Registry.INSTANCE.getEncoding(vocabulary.name())
				.orElseGet(() -> Registry.INSTANCE.registerGptBytePairEncoding(vocabulary.params())
					.getEncoding(vocabulary.name())
					.orElseThrow());
		}
	}

	/**
	 * Created on first use (initialization-on-demand holder); the lazy registry then
	 * reads each encoding's table (up to 3.6 MB for o200k) once, when that encoding is
	 * first asked for. The registry and its encodings are thread-safe.
	 */
	private static final class Registry {

		static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();

	}

}
