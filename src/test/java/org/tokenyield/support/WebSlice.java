package org.tokenyield.support;

import org.tokenyield.analytics.AnalyticsProperties;
import org.tokenyield.system.ProblemWriter;
import org.tokenyield.system.SimulatedVisibility;
import org.tokenyield.system.SystemProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What a web slice ({@code @WebMvcTest}, which scans no properties and no services) needs
 * besides its controllers: the system settings (hence the body limit filter), the
 * visibility rule every page asks, and the analytics settings of the figure caching that
 * every slice picks up (a WebMvcConfigurer). Web security is on, so the layout's
 * {@code sec:authorize} reads the user {@code @WithMockUser} gives and forms need their
 * CSRF token as in the application (the API, called without a session, needs none); but
 * every request is let through: who may do what is tested on the whole application
 * ({@code RoleMatrixTests}).
 */
// fully qualified: ArchitectureTests takes a file that mentions the test annotation for a
// test class
@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SystemProperties.class, AnalyticsProperties.class })
@EnableWebSecurity
@Import({ SimulatedVisibility.class, ProblemWriter.class })
public class WebSlice {

	@Bean
	SecurityFilterChain everyoneMayAsk(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
			.build();
	}

}
