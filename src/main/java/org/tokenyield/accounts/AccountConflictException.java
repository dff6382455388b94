package org.tokenyield.accounts;

/** A sign-up that collides with an existing account (HTTP 409). */
public class AccountConflictException extends org.tokenyield.system.ConflictException {

	public AccountConflictException(String field, String message) {
		super(field, field + " " + message);
	}

}
