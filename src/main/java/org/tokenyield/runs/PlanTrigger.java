package org.tokenyield.runs;

/** Why runs were queued. */
public enum PlanTrigger {

	/** a prompt was approved: run it on every active version */
	APPROVAL,
	/** a version was added: run every approved prompt on it */
	BACKFILL,
	/** a recurring re-run, for drift over time */
	SCHEDULE,
	/** a maintainer's plan */
	MANUAL

}
