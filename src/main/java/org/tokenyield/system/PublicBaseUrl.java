package org.tokenyield.system;

import org.springframework.stereotype.Component;

/**
 * Where readers reach the site ({@code app.public-base-url}, env
 * {@code APP_PUBLIC_BASE_URL}): the one start of every absolute link (feeds, the OpenAPI
 * servers). Never the request's {@code Host} or {@code X-Forwarded-Host}, which any
 * client can set.
 */
@Component
public class PublicBaseUrl {

	private final String base;

	PublicBaseUrl(SystemProperties properties) {
		this.base = properties.publicBaseUrl();
	}

	/** The base, without a trailing slash: {@code https://tokenyield.example}. */
	public String base() {
		return this.base;
	}

	/** The absolute link of a path that starts with a slash. */
	public String of(String path) {
		return this.base + path;
	}

}
