package org.tokenyield.prompts;

/** submit → PENDING → approve/reject → APPROVED/REJECTED; APPROVED → retire → RETIRED. */
public enum PromptStatus {

	PENDING, APPROVED, REJECTED, RETIRED

}
