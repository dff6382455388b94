package org.tokenyield.analytics.web;

import java.time.Instant;

import org.tokenyield.system.Csv;
import org.tokenyield.system.TableBody;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The ETag of a figure's answer ({@link FigureResponses}), set once content negotiation
 * chose JSON or CSV: the version of the figures (the {@code As-Of} header the answer
 * carries) and the type answered, so that a cache holding the JSON never gets a 304 for
 * the CSV. A matching If-None-Match answers 304.
 */
@ControllerAdvice(assignableTypes = { FigureApi.class, LeaderboardApi.class })
class FigureEtags implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		String header = response.getHeaders().getFirst(FigureResponses.AS_OF);
		Instant asOf = header == null ? null : Instant.parse(header);
		if (!(body instanceof TableBody) || asOf == null || !(request instanceof ServletServerHttpRequest in)
				|| !(response instanceof ServletServerHttpResponse out)) {
			return body;
		}
		String etag = FigureResponses.etag(asOf, Csv.TEXT_CSV.isCompatibleWith(selected) ? "csv" : "json");
		if (new ServletWebRequest(in.getServletRequest(), out.getServletResponse()).checkNotModified(etag)) {
			return null; // 304, no body
		}
		return body;
	}

}
