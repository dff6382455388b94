package org.tokenyield.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address a request came from, as limits per client count it: the servlet's remote
 * address. The container takes it from {@code X-Forwarded-For} only when the connection
 * comes from a proxy the operator named ({@code APP_TRUSTED_PROXIES}); otherwise it is
 * the peer's own address, whatever headers a client sends.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static String of(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		return address == null || address.isBlank() ? "unknown" : clip(address);
	}

	/** The address of the request this thread serves; "internal" outside a request. */
	public static String current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return of(attributes.getRequest());
		}
		return "internal";
	}

	private static String clip(String s) {
		return s.length() > 100 ? s.substring(0, 100) : s;
	}

}
