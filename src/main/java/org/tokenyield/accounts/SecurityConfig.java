package org.tokenyield.accounts;

import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.system.ContentSecurityPolicy;
import org.tokenyield.system.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One filter chain for pages and API. Browsers sign in with a session and send CSRF
 * tokens; API clients send a bearer token (or Basic to create one, without a session) and
 * need no CSRF token, since a cross-site page can neither set that header nor know the
 * token.
 */
@Configuration
class SecurityConfig {

	static final RequestMatcher API = request -> request.getRequestURI().startsWith("/api/");

	/**
	 * Operator endpoints answer 401 like the API, never a redirect to the sign-in page.
	 */
	static final RequestMatcher ACTUATOR = request -> request.getRequestURI().startsWith("/actuator");

	static final RequestMatcher API_WITHOUT_SESSION = request -> API.matches(request)
			&& request.getRequestedSessionId() == null;

	static final String CONTENT_SECURITY_POLICY = ContentSecurityPolicy.PAGES;

	static final String API_DOCS_CONTENT_SECURITY_POLICY = ContentSecurityPolicy.API_DOCS;

	static final RequestMatcher API_DOCS = request -> request.getRequestURI().startsWith("/api/v1/docs")
			|| request.getRequestURI().startsWith("/api/v1/swagger-ui");

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "display-capture=(), fullscreen=(self)";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role("ADMIN")
			.implies("MAINTAINER")
			.role("MAINTAINER")
			.implies("MEMBER")
			.build();
	}

	@Bean
	SecurityFilterChain filterChain(HttpSecurity http, ApiTokenService tokens, UserDetailsService users,
			ProblemWriter problems, AccountSessionRepository sessions, SignInThrottle throttle) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			// public reading
			.requestMatchers(HttpMethod.GET, "/", "/models/**", "/compare", "/workload", "/methodology",
					"/methodology/changelog", "/feed.atom", "/prompts/*", "/runs/*", "/datasets/*", "/login", "/signup",
					"/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/actuator/health/**",
					"/actuator/prometheus")
			.permitAll()
			// every other actuator endpoint (env, beans, heapdump, metrics...) is for
			// admins only
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/signup", "/api/v1/accounts")
			.permitAll()
			// maintainers moderate, plan and import
			.requestMatchers("/moderation/**", "/reports/**", "/audit/**", "/api/v1/imports/**")
			.hasRole("MAINTAINER")
			.requestMatchers(HttpMethod.POST, "/api/v1/prompts/*/approve", "/api/v1/prompts/*/reject",
					"/api/v1/prompts/*/edit", "/api/v1/prompts/*/retire")
			.hasRole("MAINTAINER")
			// admins run the catalog and accounts
			// plans spend money: admins only, on the API as on the pages
			.requestMatchers("/admin/**", "/api/v1/accounts/*/role", "/api/v1/accounts/*/enabled",
					"/api/v1/accounts/*/revoke", "/api/v1/plans/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/api/v1/models/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/**")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin(form -> form.loginPage("/login").successHandler(new SignedIn(sessions)).permitAll());
		http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"));
		http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, ex) -> problems.write(request,
				response, 401, "Not signed in", "Sign in, or send an API token as 'Authorization: Bearer <token>'.")));
		// CSRF guards ambient credentials (the session cookie); an API call without one
		// has none to
		// abuse, and a request signed in by a valid bearer token does not rely on the
		// cookie
		http.csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter.AUTHENTICATED, API_WITHOUT_SESSION));
		// sessions re-read their account first; the bearer filter runs before CSRF so
		// that only a
		// token it accepted can exempt a request
		http.addFilterAfter(new AccountSessionFilter(sessions), SecurityContextHolderFilter.class);
		http.addFilterBefore(new BearerTokenFilter(tokens, users, problems), CsrfFilter.class);
		http.addFilterBefore(new SignInThrottleFilter(throttle, problems), BearerTokenFilter.class);
		http.headers(headers -> headers
			// scripts and styles only from our own files: no inline code, no style
			// attributes in markup
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(request -> !API_DOCS.matches(request),
					new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY)))
			// the third-party API browser (Swagger UI) sets style attributes in its own
			// markup
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(API_DOCS,
					new StaticHeadersWriter("Content-Security-Policy", API_DOCS_CONTENT_SECURITY_POLICY)))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
			// sent on HTTPS requests only (behind a proxy: when it forwards the scheme)
			.httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)));
		var loginPage = new LoginUrlAuthenticationEntryPoint("/login");
		// a relative Location: never a host taken from the request's Host header
		loginPage.setFavorRelativeUris(true);
		http.exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, authException) -> {
			if (API.matches(request) || ACTUATOR.matches(request) || !isPageRead(request)) {
				problems.write(request, response, 401, "Not signed in",
						"Sign in, or send an API token as 'Authorization: Bearer <token>'.");
			}
			else {
				loginPage.commence(request, response, authException);
			}
		}).accessDeniedHandler((request, response, denied) -> {
			if (API.matches(request)) {
				problems.write(request, response, 403, "Forbidden",
						denied.getMessage() != null && denied.getMessage().contains("CSRF")
								? "Missing or invalid CSRF token." : "Your role does not allow this.");
			}
			else {
				response.sendError(403, "Your role does not allow this, or the form expired.");
			}
		}));
		return http.build();
	}

	private static boolean isPageRead(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

}
