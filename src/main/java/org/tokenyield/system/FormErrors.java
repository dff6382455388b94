package org.tokenyield.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.BeansException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Pages show the product's refusals as form messages: a service's
 * {@link InvalidInputException} (its field errors), {@link ConflictException} (its field)
 * and {@link TooManyRequestsException} become errors of the form's {@link BindingResult},
 * beside those Bean Validation found while binding. The API answers the same exceptions
 * as problem+json ({@link ApiErrors}).
 */
public final class FormErrors {

	/** The code of a message that completes its field's name ("url" + "is not a URL"). */
	private static final String INVALID = "invalid";

	/** The code of a message that is a sentence of its own (a conflict, a limit). */
	private static final String SENTENCE = "refused";

	private FormErrors() {
	}

	/**
	 * Runs a service call for a form; when the service refuses, its reasons go into
	 * {@code result} and the answer is empty.
	 * @param otherwise the field that shows a refusal naming no field (a rate limit, a
	 * conflict without a field); {@code null}: a global error of the form
	 */
	public static <T> Optional<T> attempt(BindingResult result, String otherwise, Supplier<T> action) {
		try {
			return Optional.ofNullable(action.get());
		}
		catch (InvalidInputException ex) {
			if (ex.fieldErrors().isEmpty()) {
				add(result, otherwise, SENTENCE, ex.getMessage());
			}
			ex.fieldErrors().forEach((field, message) -> add(result, field, INVALID, message));
		}
		catch (ConflictException ex) {
			add(result, ex.field() != null ? ex.field() : otherwise, SENTENCE, ex.getMessage());
		}
		catch (TooManyRequestsException ex) {
			add(result, otherwise, SENTENCE, ex.getMessage());
		}
		return Optional.empty();
	}

	/**
	 * {@link #attempt(BindingResult, String, Supplier)} for a call that answers nothing;
	 * true when it succeeded.
	 */
	public static boolean succeeded(BindingResult result, String otherwise, Runnable action) {
		return attempt(result, otherwise, () -> {
			action.run();
			return Boolean.TRUE;
		}).isPresent();
	}

	/**
	 * The form's messages by field (the first of each field), global ones under
	 * {@code "form"}, for the templates.
	 */
	public static Map<String, String> byField(BindingResult result) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (ObjectError error : result.getAllErrors()) {
			String field = error instanceof FieldError fieldError ? fieldError.getField() : "form";
			errors.putIfAbsent(field, message(error));
		}
		return errors;
	}

	/**
	 * Every message as one line each, for pages that show a single alert: a field's own
	 * message after its name ("url is not a URL", as the exception's message read),
	 * sentences as they are.
	 */
	public static String summary(BindingResult result) {
		List<String> lines = new ArrayList<>();
		for (ObjectError error : result.getAllErrors()) {
			boolean sentence = error.getCode() != null && error.getCode().equals(SENTENCE);
			lines.add(error instanceof FieldError fieldError && !sentence ? fieldError.getField() + " " + message(error)
					: message(error));
		}
		return String.join("; ", lines);
	}

	/**
	 * A value of the wrong type (a word where a number belongs) gets a reader's message,
	 * not the converter's.
	 */
	private static String message(ObjectError error) {
		return error instanceof FieldError fieldError && fieldError.isBindingFailure() ? "is not a valid value"
				: error.getDefaultMessage();
	}

	/**
	 * What the form held in the field, so the page shows it again; null for a field the
	 * form lacks (grader.expected).
	 */
	private static Object submitted(BindingResult result, String field) {
		try {
			return result.getRawFieldValue(field);
		}
		catch (BeansException ex) {
			return null;
		}
	}

	private static void add(BindingResult result, String field, String code, String message) {
		String[] codes = { code };
		if (field == null) {
			result.addError(new ObjectError(result.getObjectName(), codes, null, message));
		}
		else {
			result.addError(new FieldError(result.getObjectName(), field, submitted(result, field), false, codes, null,
					message));
		}
	}

}
