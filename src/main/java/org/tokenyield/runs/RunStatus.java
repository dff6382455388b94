package org.tokenyield.runs;

import java.util.EnumSet;
import java.util.Set;

/**
 * queue → start → succeed | fail | retry (back to QUEUED with a later due time). A
 * RUNNING run also goes back to QUEUED when its lease runs out or its instance shuts
 * down. SUCCEEDED and FAILED are final: a regrade changes a run's score, never its
 * status. {@link RunTransitions} writes every move; this is the table of the moves it may
 * write.
 */
public enum RunStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED;

	/** The statuses this one may move to. */
	public Set<RunStatus> next() {
		return switch (this) {
			case QUEUED -> EnumSet.of(RUNNING);
			case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, QUEUED);
			case SUCCEEDED, FAILED -> EnumSet.noneOf(RunStatus.class);
		};
	}

	public boolean canMoveTo(RunStatus target) {
		return next().contains(target);
	}

	/**
	 * Throws {@link IllegalRunTransitionException} unless this status may move to
	 * {@code target}.
	 */
	public void requireMoveTo(RunStatus target) {
		if (!canMoveTo(target)) {
			throw new IllegalRunTransitionException(this, target);
		}
	}

}
