package org.tokenyield.accounts;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in account, for features that record who did what. */
@Component
public class CurrentAccount {

	private final AccountService accounts;

	CurrentAccount(AccountService accounts) {
		this.accounts = accounts;
	}

	public Optional<AccountView> get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getPrincipal())) {
			return Optional.empty();
		}
		return this.accounts.find(auth.getName());
	}

	public AccountView require() {
		return get()
			.orElseThrow(() -> new org.springframework.security.authentication.InsufficientAuthenticationException(
					"Not signed in"));
	}

	/**
	 * Whether this request was signed in with an API token (rather than a password or
	 * session).
	 */
	public static boolean signedInWithToken() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getDetails() == ApiTokenDetails.INSTANCE;
	}

	public static boolean hasRole(Role role) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null) {
			return false;
		}
		return auth.getAuthorities().stream().anyMatch(a -> {
			String name = a.getAuthority();
			return switch (role) {
				case MEMBER -> name.startsWith("ROLE_");
				case MAINTAINER -> name.equals("ROLE_MAINTAINER") || name.equals("ROLE_ADMIN");
				case ADMIN -> name.equals("ROLE_ADMIN");
			};
		});
	}

}
