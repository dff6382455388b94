package org.tokenyield.system;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * Every request body is bounded before anything parses it: refused with 413 by its
 * declared length, counted as it is read (chunked bodies declare none), and cut with 408
 * when it takes longer than {@code app.limits.body-deadline}. Forms and uploads are read
 * by the application ({@link UrlEncodedForm}, {@link MultipartForm}) within those bounds,
 * never by the container, which reads a form whole before anyone could refuse it. What
 * the application leaves unread is drained within the same bounds, or the connection is
 * closed ({@link ContainerSettings}) rather than read at the client's pace.
 * <p>
 * JSON and form requests are small (a prompt is at most 20,000 characters); imports
 * stream and get a larger limit, and no deadline once their file begins.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after the character encoding, before sessions
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBody;

	private final long maxImport;

	private final Duration deadline;

	private final ProblemWriter problems;

	RequestSizeLimit(SystemProperties properties, ProblemWriter problems) {
		this.problems = problems;
		this.maxBody = properties.limits().maxBody().toBytes();
		this.maxImport = properties.limits().maxImport().toBytes();
		this.deadline = properties.limits().bodyDeadline();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// taken here, the body stream is the application's: the container parses no form
		// from it (only the query string), whatever asks for a parameter later
		request.getInputStream();
		String path = request.getRequestURI();
		boolean importApi = path.startsWith("/api/v1/imports");
		// the import page uploads the same files as the import API (multipart, up to its
		// own limit)
		boolean importPage = path.startsWith("/moderation/import");
		long limit = importApi || importPage ? this.maxImport : this.maxBody;
		long length = request.getContentLengthLong();
		if (length > limit) {
			refuse(request, response, 413, "Payload too large",
					"The body is " + length + " bytes; at most " + limit + " are accepted here.");
			return;
		}
		// the import API reads its body only after the role was checked: no deadline
		BoundedBody body = new BoundedBody(request, limit, importApi ? null : this.deadline);
		try {
			chain.doFilter(form(body, importPage), response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!refused(request, response, ex)) {
				throw ex;
			}
		}
		finally {
			finish(request, response, body);
		}
	}

	/**
	 * Reads what the application left of the body, within the bounds; an answer that ends
	 * the connection anyway (an error like 400 or 413) does not wait for it.
	 */
	private void finish(HttpServletRequest request, HttpServletResponse response, BoundedBody body) {
		if (ContainerSettings.closesAfterResponse(request)) {
			return;
		}
		int status = response.getStatus();
		boolean dropsConnection = status == 400 || status == 408 || status == 411 || status == 413 || status == 414
				|| status >= 500;
		if (dropsConnection ? !body.finished() : !body.drain(this.maxBody, this.deadline)) {
			ContainerSettings.closeAfterResponse(request);
		}
	}

	private HttpServletRequest form(BoundedBody body, boolean importPage) {
		if (WebUtils.getNativeRequest(body, MultipartHttpServletRequest.class) != null) {
			return body; // already parsed (a test's mock request)
		}
		MediaType type;
		try {
			type = body.getContentType() == null ? null : MediaType.parseMediaType(body.getContentType());
		}
		catch (IllegalArgumentException ex) {
			return body;
		}
		if (MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
			return new UrlEncodedForm(body);
		}
		if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
			return new MultipartForm(body, importPage, this.maxBody);
		}
		return body;
	}

	/**
	 * Answers a body that broke its bounds while a filter read it (a form's fields read
	 * for the CSRF check); inside the application, the error advices answer.
	 */
	private boolean refused(HttpServletRequest request, HttpServletResponse response, Throwable ex) throws IOException {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException) {
				refuse(request, response, 413, "Payload too large", cause.getMessage());
				return true;
			}
			if (cause instanceof SlowBodyException || cause instanceof SocketTimeoutException) {
				refuse(request, response, 408, "Request timeout", new SlowBodyException(this.deadline).getMessage());
				return true;
			}
			if (cause instanceof InvalidInputException invalid) {
				refuse(request, response, 400, "Invalid input", "The " + invalid.getMessage() + ".");
				return true;
			}
			if (cause instanceof InvalidParameterException query) {
				// the container's own parsing of the query string (too many parameters)
				refuse(request, response, query.getErrorCode(), "Invalid input", "The query string is not valid.");
				return true;
			}
			if (cause instanceof EOFException) {
				refuse(request, response, 400, "Invalid input", "The body ended before its declared length.");
				return true;
			}
		}
		return false;
	}

	/**
	 * problem+json for the API, the error page for pages; the rest of the body is never
	 * read.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail) throws IOException {
		ContainerSettings.closeAfterResponse(request);
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		String path = request.getRequestURI();
		if (path.startsWith("/api/") || path.startsWith("/actuator")) {
			this.problems.write(request, response, status, title, detail);
		}
		else {
			response.sendError(status, detail);
		}
	}

}
