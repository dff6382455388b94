package org.tokenyield.analytics.calc;

import java.nio.charset.StandardCharsets;

/**
 * Stable bootstrap seeds derived from what a query is about (model keys, settings,
 * filters), so the same query on the same data always shows the same interval, across
 * JVMs and restarts. FNV-1a (64 bit) over the UTF-8 parts with a separator, then the
 * SplitMix64 finaliser to spread the bits. Never depends on {@code String.hashCode} or on
 * iteration order of hash maps.
 */
public final class Seeds {

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private Seeds() {
	}

	/**
	 * The seed of an ordered list of parts; null parts are allowed and differ from "".
	 */
	public static long seedOf(String... parts) {
		long h = FNV_OFFSET;
		for (String part : parts) {
			if (part == null) {
				h = step(h, 0xFF);
			}
			else {
				for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
					h = step(h, b & 0xFF);
				}
			}
			h = step(h, 0x1F);
		}
		return mix(h);
	}

	/**
	 * A seed for a sub-figure (a category, a band) of a query seeded with {@code seed}.
	 */
	public static long derive(long seed, String... parts) {
		String[] all = new String[parts.length + 1];
		all[0] = Long.toString(seed);
		System.arraycopy(parts, 0, all, 1, parts.length);
		return seedOf(all);
	}

	private static long step(long h, int octet) {
		return (h ^ octet) * FNV_PRIME;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
