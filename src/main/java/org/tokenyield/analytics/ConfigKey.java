package org.tokenyield.analytics;

import java.util.Collection;
import java.util.Map;

/** A config c = (model version, setting). */
public record ConfigKey(long modelId, String setting) {

	/**
	 * The configs as the parameters {@code :models} and {@code :settings}, two parallel
	 * arrays that SQL turns back into (model_id, setting) rows with
	 * {@code unnest(cast(:models as bigint[]), cast(:settings as text[]))}.
	 */
	static Map<String, Object> unnestParameters(Collection<ConfigKey> configs) {
		return Map.of("models", configs.stream().map(ConfigKey::modelId).toArray(Long[]::new), "settings",
				configs.stream().map(ConfigKey::setting).toArray(String[]::new));
	}

}
