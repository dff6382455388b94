package org.tokenyield.accounts;

import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One filter chain for pages and API. Browsers sign in with a session and send CSRF tokens; API
 * clients send {@code Authorization} (Bearer token, or Basic to create one) and need no CSRF
 * token, since a cross-site page cannot set that header.
 */
@Configuration
class SecurityConfig {

	static final RequestMatcher API = request -> request.getRequestURI().startsWith("/api/");

	/** Operator endpoints answer 401 like the API, never a redirect to the sign-in page. */
	static final RequestMatcher ACTUATOR = request -> request.getRequestURI().startsWith("/actuator");

	static final RequestMatcher WITH_AUTHORIZATION_HEADER = request -> request.getHeader("Authorization") != null;

	static final RequestMatcher API_WITHOUT_SESSION = request -> API.matches(request)
			&& request.getRequestedSessionId() == null;

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
			ProblemWriter problems) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			// public reading
			.requestMatchers(HttpMethod.GET, "/", "/models/**", "/compare", "/methodology", "/prompts/*", "/runs/*", "/login",
					"/signup", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/actuator/health/**",
					"/actuator/prometheus")
			.permitAll()
			// every other actuator endpoint (env, beans, heapdump, metrics...) is for admins only
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/signup", "/api/v1/accounts")
			.permitAll()
			// maintainers moderate, plan and import
			.requestMatchers("/moderation/**", "/reports/**", "/audit/**", "/api/v1/plans/**", "/api/v1/imports/**")
			.hasRole("MAINTAINER")
			.requestMatchers(HttpMethod.POST, "/api/v1/prompts/*/approve", "/api/v1/prompts/*/reject",
					"/api/v1/prompts/*/edit", "/api/v1/prompts/*/retire")
			.hasRole("MAINTAINER")
			// admins run the catalog and accounts
			.requestMatchers("/admin/**", "/api/v1/accounts/*/role")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/api/v1/models/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/v1/**")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll());
		http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"));
		http.httpBasic(basic -> basic.authenticationEntryPoint(
				(request, response, ex) -> problems.write(request, response, 401, "Not signed in",
						"Sign in, or send an API token as 'Authorization: Bearer <token>'.")));
		// CSRF guards ambient credentials (the session cookie); an API call without one has none to abuse
		http.csrf(csrf -> csrf.ignoringRequestMatchers(WITH_AUTHORIZATION_HEADER, API_WITHOUT_SESSION));
		http.addFilterBefore(new BearerTokenFilter(tokens, users, problems), BasicAuthenticationFilter.class);
		var loginPage = new LoginUrlAuthenticationEntryPoint("/login");
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
