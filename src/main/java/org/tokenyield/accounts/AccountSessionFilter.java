package org.tokenyield.accounts;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.tokenyield.accounts.AccountSessionRepository.SessionAccount;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session follows its account: on every request the account is read again, so
 * a changed role applies at once, and a session of a disabled account, or one begun
 * before an admin ended the account's sessions (the epoch it was signed in at, used or
 * not), ends. Runs right after the session's security context is loaded and before any
 * other authentication, so it only ever sees what the session carried.
 */
class AccountSessionFilter extends OncePerRequestFilter {

	static final String EPOCH = AccountSessionFilter.class.getName() + ".EPOCH";

	private final AccountSessionRepository sessions;

	AccountSessionFilter(AccountSessionRepository sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (session == null || auth == null || !auth.isAuthenticated()
				|| auth instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		SessionAccount account = this.sessions.find(auth.getName()).orElse(null);
		// SignedIn stamps the epoch: a session without one was not signed in by the form
		Object epoch = session.getAttribute(EPOCH);
		if (account == null || !account.enabled() || epoch == null || !epoch.equals(account.epoch())) {
			session.invalidate();
			SecurityContextHolder.clearContext();
			chain.doFilter(request, response);
			return;
		}
		List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList(account.role().authority());
		if (!Objects.equals(List.copyOf(auth.getAuthorities()), authorities)) {
			// this request runs with the account's current role; the session's copy is
			// replaced too
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(auth.getPrincipal(), null, authorities));
			SecurityContextHolder.setContext(context);
			session.setAttribute("SPRING_SECURITY_CONTEXT", context);
		}
		chain.doFilter(request, response);
	}

}
