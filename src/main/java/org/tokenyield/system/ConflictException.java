package org.tokenyield.system;

/**
 * The request collides with what is stored (HTTP 409), for example a duplicate prompt.
 */
public class ConflictException extends RuntimeException {

	private final String field;

	public ConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
