package org.tokenyield.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.tokenyield.system.ProblemWriter;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} for the API: a known token signs the request in.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private static final String ACCEPTED = BearerTokenFilter.class.getName() + ".ACCEPTED";

	/**
	 * Requests that a valid bearer token signed in (and only those): they need no CSRF
	 * token.
	 */
	static final RequestMatcher AUTHENTICATED = request -> Boolean.TRUE.equals(request.getAttribute(ACCEPTED));

	private final ApiTokenService tokens;

	private final UserDetailsService users;

	private final ProblemWriter problems;

	BearerTokenFilter(ApiTokenService tokens, UserDetailsService users, ProblemWriter problems) {
		this.tokens = tokens;
		this.users = users;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		var username = this.tokens.usernameFor(header.substring(7).trim());
		if (username.isEmpty()) {
			this.problems.write(request, response, 401, "Invalid API token",
					"The bearer token is unknown, expired or was revoked.");
			return;
		}
		UserDetails user = this.users.loadUserByUsername(username.get());
		if (!user.isEnabled()) {
			this.problems.write(request, response, 401, "Account disabled", "This account is disabled.");
			return;
		}
		var auth = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
		auth.setDetails(ApiTokenDetails.INSTANCE);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(auth);
		SecurityContextHolder.setContext(context);
		request.setAttribute(ACCEPTED, true);
		chain.doFilter(request, response);
	}

}
