package org.tokenyield.runs;

import org.tokenyield.system.ConflictException;

/**
 * A run asked to move where its status does not allow (e.g. a finished run started
 * again). HTTP 409.
 */
public class IllegalRunTransitionException extends ConflictException {

	private final RunStatus from;

	private final RunStatus to;

	public IllegalRunTransitionException(RunStatus from, RunStatus to) {
		super("status", "a run cannot move from " + from + " to " + to);
		this.from = from;
		this.to = to;
	}

	public RunStatus from() {
		return this.from;
	}

	public RunStatus to() {
		return this.to;
	}

}
