package org.tokenyield.accounts;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After a form sign-in: the session remembers its account's session epoch now, so that
 * ending the account's sessions ends it even before its next request; then back to the
 * page that asked for it, by its path only (the saved URL was built from the request's
 * Host header, which a client chooses), else the leaderboard.
 */
class SignedIn implements AuthenticationSuccessHandler {

	private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

	private final AccountSessionRepository sessions;

	SignedIn(AccountSessionRepository sessions) {
		this.sessions = sessions;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		this.sessions.find(authentication.getName())
			.ifPresent(account -> request.getSession().setAttribute(AccountSessionFilter.EPOCH, account.epoch()));
		SavedRequest saved = this.requests.getRequest(request, response);
		this.requests.removeRequest(request, response);
		String target = "/";
		if (saved != null) {
			try {
				URI uri = URI.create(saved.getRedirectUrl());
				if (uri.getRawPath() != null && uri.getRawPath().startsWith("/")
						&& !uri.getRawPath().startsWith("//")) {
					target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
				}
			}
			catch (IllegalArgumentException ex) {
				target = "/";
			}
		}
		response.sendRedirect(request.getContextPath() + target);
	}

}
