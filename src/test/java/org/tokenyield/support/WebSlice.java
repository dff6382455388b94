package org.tokenyield.support;

import org.tokenyield.analytics.AnalyticsProperties;
import org.tokenyield.system.SimulatedVisibility;
import org.tokenyield.system.SystemProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.expression.AbstractSecurityExpressionHandler;
import org.springframework.security.access.expression.SecurityExpressionHandler;
import org.springframework.security.access.expression.SecurityExpressionOperations;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.FilterInvocation;
import org.springframework.security.web.access.expression.WebSecurityExpressionRoot;

/**
 * What a {@code @WebMvcTest} of pages needs besides its controllers. A slice has no
 * security filters (the application's rules are tested on the running application:
 * RoleMatrixTests), but the layout's {@code sec:authorize} expressions need an expression
 * handler of the kind web security registers; they read the user {@code @WithMockUser}
 * gives. Every page also asks whether simulated data shows (the system settings), and
 * every slice picks up the figure caching of analytics (a WebMvcConfigurer, with its
 * settings).
 */
// fully qualified: ArchitectureTests takes a file that mentions the test annotation for a
// test class
@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SystemProperties.class, AnalyticsProperties.class })
@Import(SimulatedVisibility.class)
public class WebSlice {

	@Bean
	SecurityExpressionHandler<FilterInvocation> pageSecurityExpressions() {
		return new AbstractSecurityExpressionHandler<>() {
			@Override
			protected SecurityExpressionOperations createSecurityExpressionRoot(Authentication authentication,
					FilterInvocation invocation) {
				return new WebSecurityExpressionRoot(authentication, invocation);
			}
		};
	}

}
