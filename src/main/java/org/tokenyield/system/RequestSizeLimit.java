package org.tokenyield.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies with 413 before anything reads them: JSON and form requests are
 * small (a prompt is at most 20,000 characters); imports stream and get a larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBody;

	private final long maxImport;

	RequestSizeLimit(@Value("${app.limits.max-body:1MB}") DataSize maxBody,
			@Value("${app.limits.max-import:4GB}") DataSize maxImport) {
		this.maxBody = maxBody.toBytes();
		this.maxImport = maxImport.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		long limit = request.getRequestURI().startsWith("/api/v1/imports") ? this.maxImport : this.maxBody;
		if (length > limit) {
			response.setStatus(413);
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,\"detail\":\"The body is "
						+ length + " bytes; at most " + limit + " are accepted here.\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
