package org.tokenyield.providers;

/**
 * One provider behind one interface: send a prompt to a model version under a setting,
 * get back the reply with its exact token usage. Adapters are thin (see PROVIDERS.md):
 * they never retry on their own; the run queue decides what to do with a
 * {@link ProviderException}.
 */
public interface ModelProvider {

	/**
	 * The provider's name as model keys use it: {@code anthropic}, {@code simulator}, ...
	 */
	String name();

	/**
	 * False when the provider lacks its key: it is then shown as not configured and never
	 * called.
	 */
	boolean configured();

	/** Whether replies are graded answers; the tokenizer provider only counts input. */
	default boolean generates() {
		return true;
	}

	/**
	 * Whether the given setting can be sent to this provider (checked when a model is
	 * saved).
	 */
	default SettingCheck check(String apiModel, String setting) {
		return SettingCheck.ok();
	}

	ProviderReply complete(ProviderRequest request) throws ProviderException;

}
