package org.tokenyield.accounts;

/** Marks an authentication made with an API token (tokens cannot mint tokens). */
enum ApiTokenDetails {

	INSTANCE

}
