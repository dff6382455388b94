package org.tokenyield.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problems from the servlet filters (body limits, query check, security),
 * which run before any controller advice.
 */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		write(request, response, status, title, detail, request.getRequestURI());
	}

	/**
	 * A problem about {@code instance}, the path the client asked for (in an error
	 * dispatch the request's own path is the error page's).
	 */
	void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
			String instance) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
		problem.setTitle(title);
		problem.setInstance(java.net.URI.create(instance));
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"token-yield\"");
		}
		response.getWriter().write(this.json.writeValueAsString(problem));
	}

}
