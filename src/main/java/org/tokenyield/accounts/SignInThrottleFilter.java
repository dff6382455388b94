package org.tokenyield.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.tokenyield.system.ClientAddress;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in (the form's {@code POST /login}, or any request with HTTP Basic,
 * which is how tokens are created) with 429 and {@code Retry-After} while
 * {@link SignInThrottle} says its account or client must wait; counts the outcome of
 * every password check.
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
		if (username != null) {
			Optional<Duration> wait = this.throttle.wait(username.orElse(null), ClientAddress.of(request));
			if (wait.isPresent()) {
				long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
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
		}
		chain.doFilter(request, response);
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
