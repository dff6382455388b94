package org.tokenyield.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.tokenyield.system.ClientAddress;
import org.tokenyield.system.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A sign-in (the form's {@code POST /login}, or any request with HTTP Basic, which is how
 * tokens are created) first reserves its password check with {@link SignInThrottle}, and
 * is refused with 429 and {@code Retry-After} when it must wait; the check's outcome then
 * settles the reservation.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	private final ProblemWriter problems;

	SignInThrottleFilter(SignInThrottle throttle, ProblemWriter problems) {
		this.throttle = throttle;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> username = signInName(request);
		if (username == null) {
			chain.doFilter(request, response);
			return;
		}
		SignInThrottle.Reservation reservation = this.throttle
			.reserve(username.filter(name -> !name.isBlank()).orElse(null), ClientAddress.of(request));
		if (!reservation.granted()) {
			long seconds = Math.max(1, (reservation.retryAfter().toMillis() + 999) / 1000);
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			String detail = "Too many failed sign-ins; try again in " + seconds + " seconds.";
			if ("/login".equals(request.getServletPath())) {
				response.sendError(429, detail);
			}
			else {
				this.problems.write(request, response, 429, "Too many requests", detail);
			}
			return;
		}
		SignInThrottle.begin(reservation.attempt());
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.throttle.end(reservation.attempt());
		}
	}

	/**
	 * Null when the request is no sign-in; the name it signs in with, when it has one.
	 */
	private static Optional<String> signInName(HttpServletRequest request) {
		if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
			return Optional.ofNullable(request.getParameter("username"));
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return null;
	}

}
