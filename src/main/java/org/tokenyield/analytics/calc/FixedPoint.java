package org.tokenyield.analytics.calc;

/**
 * Exact sums of doubles, so that a sum does not depend on the order of its terms (adding
 * doubles is not associative). A value is held as a 128-bit fixed-point number, 64 bits
 * of whole part and 64 bits of fraction ({@code whole + fraction / 2^64}), to within
 * 1.2e-16: a non-negative value is only cut below 2^-64, a negative one's fraction may
 * round in its last bit. Sums, times small integer weights, are 128-bit integers kept as
 * two longs: the same terms give the same integer in any order, with any terms added and
 * removed before, and read back as the same double.
 */
final class FixedPoint {

	/**
	 * Values up to 2^31 in size: sums of 16 million of them at weight 31 still fit the
	 * whole part.
	 */
	static final double LIMIT = 0x1p31;

	private FixedPoint() {
	}

	/** The whole part, floor(value). */
	static long whole(double value) {
		if (!(Math.abs(value) < LIMIT)) {
			throw new IllegalArgumentException("value " + value + " is out of the bootstrap's range ±2^31");
		}
		return (long) Math.floor(value);
	}

	/**
	 * The fraction, value − floor(value) in units of 2^-64, as an unsigned long.
	 */
	static long fraction(double value) {
		double fraction = value - Math.floor(value);
		return (fraction < 0.5) ? (long) (fraction * 0x1p64) : (long) ((fraction - 0.5) * 0x1p64) + Long.MIN_VALUE;
	}

	/**
	 * Adds {@code times} (negative: takes away) the value {@code whole:fraction} to the
	 * sum {@code hi[at]:lo[at]}.
	 */
	static void add(long[] hi, long[] lo, int at, long whole, long fraction, int times) {
		long w = Math.abs((long) times);
		long productLo = fraction * w;
		long productHi = productHi(whole, fraction, w);
		if (times >= 0) {
			add(hi, lo, at, productHi, productLo);
		}
		else {
			subtract(hi, lo, at, productHi, productLo);
		}
	}

	/** The high 64 bits of {@code w} (>= 0) times {@code whole:fraction}. */
	private static long productHi(long whole, long fraction, long w) {
		return whole * w + Math.multiplyHigh(fraction, w) + ((fraction >> 63) & w);
	}

	/** hi[at]:lo[at] += termHi:termLo. */
	private static void add(long[] hi, long[] lo, int at, long termHi, long termLo) {
		long before = lo[at];
		long after = before + termLo;
		lo[at] = after;
		hi[at] += termHi + ((Long.compareUnsigned(after, before) < 0) ? 1 : 0);
	}

	/** hi[at]:lo[at] -= termHi:termLo. */
	private static void subtract(long[] hi, long[] lo, int at, long termHi, long termLo) {
		long before = lo[at];
		lo[at] = before - termLo;
		hi[at] -= termHi + ((Long.compareUnsigned(before, termLo) < 0) ? 1 : 0);
	}

	/** The sum hi:lo as a double. */
	static double value(long hi, long lo) {
		return hi + (lo >>> 11) * 0x1p-53;
	}

}
