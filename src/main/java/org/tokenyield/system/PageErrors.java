package org.tokenyield.system;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of pages, as pages: the product's own messages (they are written for readers)
 * with their status, and for anything unexpected a 500 page with a correlation id and
 * nothing internal. API controllers have {@link ApiErrors}, which comes first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid(InvalidInputException ex) {
		return page(HttpStatus.BAD_REQUEST, ex.getMessage(), null);
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		return page(HttpStatus.NOT_FOUND, ex.getMessage(), null);
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException ex) {
		return page(HttpStatus.CONFLICT, ex.getMessage(), null);
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ModelAndView tooMany(TooManyRequestsException ex, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
		return page(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage(), null);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ModelAndView tooLarge(PayloadTooLargeException ex) {
		return page(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), null);
	}

	@ExceptionHandler(SlowBodyException.class)
	ModelAndView tooSlow(SlowBodyException ex) {
		return page(HttpStatus.REQUEST_TIMEOUT, ex.getMessage(), null);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex) throws Exception {
		if (ex instanceof ErrorResponse || ex instanceof org.springframework.beans.TypeMismatchException
				|| ex instanceof org.springframework.http.converter.HttpMessageNotReadableException
				|| ex instanceof jakarta.servlet.ServletException || ex instanceof AccessDeniedException
				|| ex instanceof AuthenticationException) {
			throw ex; // MVC's own statuses (400 for a bad parameter, 404 ...) and
						// security's handlers
		}
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.", Failures.log(ex));
	}

	private static ModelAndView page(HttpStatus status, String message, String correlationId) {
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("error", status.getReasonPhrase());
		page.addObject("message", message);
		page.addObject("correlationId", correlationId);
		return page;
	}

}
