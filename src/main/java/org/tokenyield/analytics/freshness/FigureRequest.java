package org.tokenyield.analytics.freshness;

import java.time.Instant;

/**
 * What one request thread asks of {@link FigureCache}: who asks (charged for figures
 * never computed before), the oldest {@code as_of} it accepts (reading its own writes),
 * and, for answers built from several figures read through
 * {@link FigureCache#get(java.util.function.Supplier, Object...)} (pages and most figure
 * APIs), the oldest {@code as_of} among them. The web layer starts and ends it around
 * each request (analytics.web.FigureCaching). Figures read as {@link Versioned} carry
 * their as_of themselves and do not count here.
 */
public final class FigureRequest {

	private static final ThreadLocal<Instant> SERVED = new ThreadLocal<>();

	private static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

	private static final ThreadLocal<Instant> FLOOR = new ThreadLocal<>();

	private FigureRequest() {
	}

	/**
	 * Starts a request's record of the as_of of the figures it serves (see
	 * {@link #servedAsOf()}); {@code client} (null: nobody to charge) pays for figures
	 * never computed before.
	 */
	public static void startServing(String client) {
		SERVED.remove();
		if (client == null) {
			CLIENT.remove();
		}
		else {
			CLIENT.set(client);
		}
	}

	/**
	 * Makes this thread's reads wait for figures at least as fresh as {@code atLeast}
	 * (null: no floor): how a client reads its own writes, with the version an import
	 * answered.
	 */
	public static void requireAtLeast(Instant atLeast) {
		if (atLeast == null) {
			FLOOR.remove();
		}
		else {
			FLOOR.set(atLeast);
		}
	}

	/**
	 * The oldest as_of among the figures served on this thread since
	 * {@link #startServing(String)}.
	 */
	public static Instant servedAsOf() {
		return SERVED.get();
	}

	static String client() {
		return CLIENT.get();
	}

	static Instant floor() {
		return FLOOR.get();
	}

	/** Notes that a figure of {@code asOf} was served. */
	static void served(Instant asOf) {
		Instant before = SERVED.get();
		if (before == null || asOf.isBefore(before)) {
			SERVED.set(asOf);
		}
	}

}
