package org.tokenyield.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in queue tests. It runs with the system clock until a test
 * {@link #freeze() freezes} it; then leases, due times, backoff, breakers and per-minute
 * buckets stand still until the test {@link #advance advances} it, so "nothing happens
 * until" is a statement about the clock, not about how long a loaded machine took.
 * {@link #resume()} lets it run on from where it stood (time never goes backwards).
 */
public final class TestClock extends Clock {

	private Duration offset = Duration.ZERO;

	private Instant frozenAt;

	@Override
	public synchronized Instant instant() {
		return this.frozenAt != null ? this.frozenAt : Instant.now().plus(this.offset);
	}

	public synchronized void freeze() {
		this.frozenAt = instant();
	}

	public synchronized void advance(Duration by) {
		if (this.frozenAt != null) {
			this.frozenAt = this.frozenAt.plus(by);
		}
		else {
			this.offset = this.offset.plus(by);
		}
	}

	public synchronized void resume() {
		if (this.frozenAt != null) {
			this.offset = Duration.between(Instant.now(), this.frozenAt);
			this.frozenAt = null;
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the queue's clock is UTC");
	}

}
