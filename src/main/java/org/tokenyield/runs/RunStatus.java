package org.tokenyield.runs;

/** queue → start → succeed | fail | retry (back to QUEUED with a later due time). */
public enum RunStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED

}
