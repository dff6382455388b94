package org.tokenyield.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <token>} for the API: a known token signs the request in. */
class BearerTokenFilter extends OncePerRequestFilter {

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
					"The bearer token is unknown or was revoked.");
			return;
		}
		UserDetails user = this.users.loadUserByUsername(username.get());
		if (!user.isEnabled()) {
			this.problems.write(request, response, 401, "Account disabled", "This account is disabled.");
			return;
		}
		var auth = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
		SecurityContextHolder.getContext().setAuthentication(auth);
		chain.doFilter(request, response);
	}

}
