package org.tokenyield.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is {@code application/problem+json} with a clear {@code detail}; field
 * errors are listed under {@code errors} as {@code [{field, message}]}.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 100)
class ApiErrors extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		return withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage()), ex.fieldErrors());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage());
		return ex.field() == null ? problem : withErrors(problem, Map.of(ex.field(), ex.getMessage()));
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
			.body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", ex.getMessage()));
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage());
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", ex.getMessage());
	}

	@ExceptionHandler(SlowBodyException.class)
	ProblemDetail tooSlow(SlowBodyException ex) {
		return problem(HttpStatus.REQUEST_TIMEOUT, "Request timeout", ex.getMessage());
	}

	/**
	 * Anything no handler above names is a defect, not the client's fault: a 500 that
	 * says nothing internal (no exception message, no SQL), with a correlation id that
	 * finds the stack trace in the log.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) throws Exception {
		if (ex instanceof org.springframework.web.ErrorResponse
				|| ex instanceof org.springframework.beans.TypeMismatchException
				|| ex instanceof HttpMessageNotReadableException || ex instanceof jakarta.servlet.ServletException
				|| ex instanceof AccessDeniedException
				|| ex instanceof org.springframework.security.core.AuthenticationException) {
			throw ex; // Spring MVC's own exceptions keep their statuses; security's go to
						// its handlers
		}
		String id = Failures.log(ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side. Quote correlation id " + id + " when you report it.");
		problem.setProperty("correlation_id", id);
		return ResponseEntity.internalServerError().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach(e -> errors
				.add(Map.of("field", snake(e.getField()), "message", String.valueOf(e.getDefaultMessage()))));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(e -> errors
				.add(Map.of("field", e.getObjectName(), "message", String.valueOf(e.getDefaultMessage()))));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
				errors.size() + " field(s) are invalid: "
						+ errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList());
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new java.util.TreeMap<>();
		ex.getParameterValidationResults().forEach(result -> {
			var parameter = result.getMethodParameter();
			var named = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
			String field = named != null && !named.name().isEmpty() ? named.name()
					: snake(String.valueOf(parameter.getParameterName()));
			result.getResolvableErrors()
				.forEach(error -> errors.merge(field, String.valueOf(error.getDefaultMessage()),
						(a, b) -> a + "; " + b));
		});
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
				errors.isEmpty() ? "The request's parameters are invalid."
						: errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList().toString());
		return ResponseEntity.badRequest().body(errors.isEmpty() ? problem : withErrors(problem, errors));
	}

	/** A parameter of the wrong type ({@code page=x}, an unknown status): named. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
		Class<?> type = ex.getRequiredType();
		String message = type != null && type.isEnum()
				? "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList()
				: "must be " + (type == null ? "of another type" : "a valid " + type.getSimpleName().toLowerCase());
		return ResponseEntity.badRequest()
			.body(withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid input", field + " " + message),
					Map.of(field, message)));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(
			org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getParameterName() + " is required"),
					Map.of(ex.getParameterName(), "is required")));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable specific = ex.getMostSpecificCause();
		if (specific instanceof PayloadTooLargeException tooLarge) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", tooLarge.getMessage()));
		}
		if (specific instanceof SlowBodyException slow) {
			return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
				.body(problem(HttpStatus.REQUEST_TIMEOUT, "Request timeout", slow.getMessage()));
		}
		if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			// the field by its path, and Jackson's words without the value or our classes
			String field = json.getPath()
				.stream()
				.map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			return ResponseEntity.badRequest()
				.body(withErrors(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
						"The body is not valid JSON of the expected shape: " + field + " " + json.getOriginalMessage()),
						Map.of(field, json.getOriginalMessage())));
		}
		String cause = specific.getMessage();
		if (cause != null && cause.length() > 300) {
			cause = cause.substring(0, 300) + "...";
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
				"The body is not valid JSON of the expected shape: " + cause);
		return ResponseEntity.badRequest().body(problem);
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	static ProblemDetail withErrors(ProblemDetail problem, Map<String, String> fieldErrors) {
		problem.setProperty("errors",
				fieldErrors.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
					.toList());
		return problem;
	}

	/** Record components are camelCase; the API speaks snake_case. */
	static String snake(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
	}

}
