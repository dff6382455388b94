package org.tokenyield.imports.formats;

/** A sample that cannot be mapped to a run, with the field and reason. */
final class SampleError extends Exception {

	SampleError(String message) {
		super(message, null, false, false);
	}

}
