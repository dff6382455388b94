package org.tokenyield.runs.queue;

/**
 * What makes creating runs idempotent: the same idempotency key never makes a second run.
 * The unique index holds a hash of the key (migration V26), so every insert into runs
 * names the same expression as its conflict target.
 */
public final class RunKeys {

	/** Ends an insert into runs: a run whose key is already stored is left alone. */
	public static final String SKIP_KNOWN_KEYS = "\non conflict ((md5(idempotency_key)::uuid)) do nothing";

	private RunKeys() {
	}

}
