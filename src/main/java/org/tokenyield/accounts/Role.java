package org.tokenyield.accounts;

/** What an account may do; each role includes the ones before it. */
public enum Role {

	MEMBER, MAINTAINER, ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
