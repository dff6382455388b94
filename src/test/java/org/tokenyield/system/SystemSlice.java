package org.tokenyield.system;

import org.tokenyield.analytics.AnalyticsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the system module gives every page and API in a web slice ({@code @WebMvcTest}
 * scans no properties and no services): its settings, hence the body limit filter, and
 * the visibility rule the layout asks, and the figure caching that every slice picks up
 * (a WebMvcConfigurer). Web security is on, so the layout's {@code sec:authorize} works,
 * but lets every request through: who may do what is tested on the whole application
 * ({@code RoleMatrixTests}). A {@code @TestConfiguration}, so the full application never
 * scans it.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SystemProperties.class, AnalyticsProperties.class })
@EnableWebSecurity
@Import(SimulatedVisibility.class)
public class SystemSlice {

	@Bean
	SecurityFilterChain everyoneMayAsk(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.build();
	}

}
