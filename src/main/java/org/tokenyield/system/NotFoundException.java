package org.tokenyield.system;

/** Nothing public answers to this id or key (HTTP 404). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
