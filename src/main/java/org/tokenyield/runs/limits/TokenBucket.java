package org.tokenyield.runs.limits;

/**
 * A per-minute limit as a bucket that refills continuously ({@code perMinute / 60} every
 * second), so a limit of 60 requests a minute lets one through a second rather than 60 at
 * the top of each minute. Non-blocking: the poller asks what is available and takes what
 * it claims. A single request larger than the whole bucket goes through once the bucket
 * is full, so an oversized call is slowed, never stuck.
 */
final class TokenBucket {

	private final double capacity;

	private final double perNano;

	private double level;

	private long updatedAt;

	TokenBucket(long perMinute, long nowNanos) {
		if (perMinute <= 0) {
			throw new IllegalArgumentException("perMinute must be > 0");
		}
		this.capacity = perMinute;
		this.perNano = perMinute / 60e9;
		this.level = perMinute;
		this.updatedAt = nowNanos;
	}

	synchronized double available(long nowNanos) {
		refill(nowNanos);
		return this.level;
	}

	/**
	 * Whether {@code amount} fits now (or the bucket is full and the amount exceeds it).
	 */
	synchronized boolean fits(double amount, long nowNanos) {
		refill(nowNanos);
		return amount <= this.level || this.level >= this.capacity;
	}

	/** Takes {@code amount}; the level may go below zero after an oversized request. */
	synchronized void take(double amount, long nowNanos) {
		refill(nowNanos);
		this.level -= amount;
	}

	/** Gives back what a call did not use (an estimate that turned out high). */
	synchronized void refund(double amount, long nowNanos) {
		refill(nowNanos);
		this.level = Math.min(this.capacity, this.level + Math.max(0, amount));
	}

	long capacity() {
		return (long) this.capacity;
	}

	private void refill(long nowNanos) {
		long elapsed = nowNanos - this.updatedAt;
		if (elapsed > 0) {
			this.level = Math.min(this.capacity, this.level + elapsed * this.perNano);
			this.updatedAt = nowNanos;
		}
	}

}
