package org.tokenyield.system;

/**
 * The content policy every response carries: pages and the API through the security
 * filter chain, and the server's own error pages (a request refused before the
 * application sees it) through {@link ContainerSettings}.
 */
public final class ContentSecurityPolicy {

	/**
	 * Scripts and styles only from our own files: no inline code, no style attributes.
	 */
	public static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * The third-party API browser (Swagger UI) sets style attributes in its own markup.
	 */
	public static final String API_DOCS = PAGES.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

	private ContentSecurityPolicy() {
	}

}
