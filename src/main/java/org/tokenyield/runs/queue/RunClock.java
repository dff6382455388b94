package org.tokenyield.runs.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

/**
 * The queue's time: leases, due times, backoff, spend-cap days, breakers and per-minute
 * buckets all read the injected {@link Clock} (never the database's {@code now()}), and
 * SQL gets the instant as a parameter. Tests drive a clock of their own instead of
 * sleeping. Instances of a cluster compare each other's leases, so their clocks must
 * agree (NTP) to well within a lease.
 */
@Component
public class RunClock {

	private final Clock clock;

	RunClock(Clock clock) {
		this.clock = clock;
	}

	public Clock clock() {
		return this.clock;
	}

	Instant instant() {
		return this.clock.instant();
	}

	/** Now, as bound to a {@code timestamptz} parameter. */
	public OffsetDateTime now() {
		return at(this.clock.instant());
	}

	/** Midnight UTC today: the spend cap's day starts here. */
	OffsetDateTime startOfDay() {
		return at(this.clock.instant().truncatedTo(ChronoUnit.DAYS));
	}

	/**
	 * Nanoseconds since the epoch, for the token buckets (which only compare
	 * differences).
	 */
	public long nanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	public static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
