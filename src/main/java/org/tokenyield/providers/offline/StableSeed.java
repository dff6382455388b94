package org.tokenyield.providers.offline;

import java.nio.charset.StandardCharsets;

/**
 * Seeds that are the same on every JVM, every run and every machine: 64-bit FNV-1a over
 * the UTF-8 bytes of the parts, finished with the SplitMix64 mixer so that near-identical
 * inputs land far apart. ({@link String#hashCode()} would do for stability but has only
 * 32 bits and clusters on short strings.)
 */
final class StableSeed {

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private StableSeed() {
	}

	/**
	 * One seed from several parts; parts are separated so that ("ab","c") differs from
	 * ("a","bc").
	 */
	static long of(Object... parts) {
		long hash = FNV_OFFSET;
		for (Object part : parts) {
			for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
				hash ^= (b & 0xff);
				hash *= FNV_PRIME;
			}
			hash ^= 0x1f; // unit separator
			hash *= FNV_PRIME;
		}
		return mix(hash);
	}

	/** SplitMix64 finalizer. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	/** A uniform number in [0, 1) from a seed. */
	static double unit(long seed) {
		return (mix(seed) >>> 11) * 0x1.0p-53;
	}

}
