package org.tokenyield.system;

import java.util.Map;

/** Input that passed the type checks but not the product's rules (HTTP 400), by field. */
public class InvalidInputException extends RuntimeException {

	private final Map<String, String> fieldErrors;

	public InvalidInputException(String message, Map<String, String> fieldErrors) {
		super(message);
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	public InvalidInputException(String field, String message) {
		this(field + " " + message, Map.of(field, message));
	}

	public Map<String, String> fieldErrors() {
		return this.fieldErrors;
	}

}
