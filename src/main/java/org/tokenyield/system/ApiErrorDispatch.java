package org.tokenyield.system;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors no controller advice sees (no operation at the path, a method or a type the path
 * does not serve, an error of the container) end in the servlet error dispatch. Under
 * /api they are answered there as problem+json, like every other API error, instead of
 * Spring Boot's error JSON; pages keep their error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ApiErrorDispatch extends OncePerRequestFilter {

	private final ProblemWriter problems;

	ApiErrorDispatch(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.ERROR;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(uri instanceof String path) || !path.startsWith("/api/") || !(code instanceof Integer status)
				|| response.isCommitted()) {
			chain.doFilter(request, response);
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Error" : known.getReasonPhrase();
		this.problems.write(request, response, status, title, detail(status, request.getMethod(), path), path);
	}

	/** What went wrong, in words a client can act on; never an exception's message. */
	static String detail(int status, String method, String path) {
		return switch (status) {
			case 404 -> "No API operation at " + path + "; the operations are listed at /api/v1/openapi.";
			case 405 -> path + " does not answer " + method + "; the Allow header lists what it answers.";
			case 406 -> "The operation cannot answer any type the Accept header or format asks for.";
			case 415 -> "The operation does not read a body of this Content-Type.";
			case 500 -> "Something went wrong on our side.";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield known == null ? "The request failed." : known.getReasonPhrase() + ".";
			}
		};
	}

}
