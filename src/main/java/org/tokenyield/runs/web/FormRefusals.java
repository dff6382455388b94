package org.tokenyield.runs.web;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.tokenyield.system.InvalidInputException;

import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * The run pages' forms check what they can themselves (Bean Validation on the form
 * record); what only the services know (an unknown model version, a plan that needs a
 * confirmation) they refuse with {@link InvalidInputException}. Both end up in the form's
 * {@link BindingResult}, field by field, so the page shows them the same way.
 */
final class FormRefusals {

	private FormRefusals() {
	}

	/**
	 * The service call's result, or empty when it refused the input (its reasons are now
	 * the form's errors).
	 */
	static <T> Optional<T> attempt(BindingResult form, Supplier<T> call) {
		try {
			return Optional.of(call.get());
		}
		catch (InvalidInputException ex) {
			if (ex.fieldErrors().isEmpty()) {
				form.reject("invalid", ex.getMessage());
			}
			ex.fieldErrors()
				.forEach((field, message) -> form.addError(new FieldError(form.getObjectName(), field, message)));
			return Optional.empty();
		}
	}

	/**
	 * Every error of the form in one line ("field message; ..."), for a message carried
	 * over a redirect.
	 */
	static String summary(BindingResult form) {
		return form.getAllErrors()
			.stream()
			.map(e -> e instanceof FieldError f ? f.getField() + " " + f.getDefaultMessage() : e.getDefaultMessage())
			.collect(Collectors.joining("; "));
	}

}
