package org.tokenyield.analytics.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.tokenyield.analytics.AnalyticsProperties;
import org.tokenyield.analytics.freshness.FigureRequest;
import org.tokenyield.system.InvalidInputException;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every request records the {@code as_of} of the figures it serves
 * ({@link FigureRequest}). A {@code min_as_of} query parameter asks for figures at least
 * that fresh (the version an import answered), waiting for a recompute if needed. A page
 * built from figures shows "figures as of" (model attribute {@code figuresAsOf}), and for
 * anonymous readers is cacheable and revalidated by an ETag of that version, like the
 * figure API.
 */
@Configuration
class FigureCaching implements WebMvcConfigurer, HandlerInterceptor {

	static final String MIN_AS_OF = "min_as_of";

	private final Duration maxAge;

	FigureCaching(AnalyticsProperties properties) {
		this.maxAge = properties.httpMaxAge();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		FigureRequest.startServing(request.getRemoteAddr());
		String min = request.getParameter(MIN_AS_OF);
		if (min != null && !min.isBlank()) {
			try {
				FigureRequest.requireAtLeast(Instant.parse(min.strip()));
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException(MIN_AS_OF,
						"must be an as_of time as the API answers it, e.g. 2026-11-29T01:02:03.456789Z");
			}
		}
		return true;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		Instant asOf = FigureRequest.servedAsOf();
		if (page == null || asOf == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
			return;
		}
		page.addObject("figuresAsOf", asOf);
		ServletWebRequest web = new ServletWebRequest(request, response);
		if (!"GET".equals(request.getMethod()) || response.getHeader(HttpHeaders.CACHE_CONTROL) != null) {
			return;
		}
		String control = FigureResponses.cacheControl(web, this.maxAge).getHeaderValue();
		response.setHeader(HttpHeaders.CACHE_CONTROL, control);
		if (control != null && control.contains("public")) {
			response.setHeader(FigureResponses.AS_OF, asOf.toString());
			if (web.checkNotModified(FigureResponses.etag(asOf, "page"))) {
				page.clear(); // 304: nothing to render
			}
		}
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		FigureRequest.startServing(null);
		FigureRequest.requireAtLeast(null);
	}

}
