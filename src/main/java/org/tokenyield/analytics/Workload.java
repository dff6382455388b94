package org.tokenyield.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.tokenyield.system.InvalidInputException;

/**
 * A reader's workload (docs/methodology-notes.md "Your workload"), validated: a bad
 * parameter is an {@link InvalidInputException} naming it ({@code mix},
 * {@code prompts_per_month}, {@code cache_hit}).
 *
 * @param mix category weights in the order given, adding up to 1
 * @param promptsPerMonth prompts sent per month
 * @param cacheHit share of input tokens read from the provider's prompt cache
 */
public record Workload(Map<String, Double> mix, long promptsPerMonth, double cacheHit) {

	private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

	/** The largest monthly volume accepted: a billion prompts. */
	static final long MAX_PROMPTS = 1_000_000_000L;

	private static final int MAX_CATEGORIES = 20;

	/**
	 * Weights may add up to 1 within this, so 1/3 written as 0.333 three times passes.
	 */
	private static final double SUM_TOLERANCE = 0.001;

	public Workload {
		mix = Collections.unmodifiableMap(new LinkedHashMap<>(mix));
	}

	/**
	 * The workload from the query string: {@code mix=math:0.5,code:0.5},
	 * {@code prompts_per_month} a whole number from 1, {@code cache_hit} a share in [0,
	 * 1] (0 when absent).
	 */
	public static Workload parse(String mix, String promptsPerMonth, String cacheHit) {
		return new Workload(parseMix(mix), parseVolume(promptsPerMonth), parseCacheHit(cacheHit));
	}

	private static Map<String, Double> parseMix(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("mix", "is required: categories and weights, e.g. math:0.5,code:0.5");
		}
		Map<String, Double> mix = new LinkedHashMap<>();
		String[] parts = text.split(",", -1);
		if (parts.length > MAX_CATEGORIES) {
			throw new InvalidInputException("mix", "has at most " + MAX_CATEGORIES + " categories");
		}
		for (String part : parts) {
			int colon = part.indexOf(':');
			String category = (colon < 0) ? part.strip() : part.substring(0, colon).strip();
			if (colon < 0 || !CATEGORY.matcher(category).matches()) {
				throw new InvalidInputException("mix",
						"must be category:weight pairs separated by commas (a category is a lower-case slug), got '"
								+ abbreviate(part) + "'");
			}
			double weight;
			try {
				weight = Double.parseDouble(part.substring(colon + 1).strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException("mix", "the weight of '" + category + "' must be a number");
			}
			if (!(weight > 0 && weight <= 1)) {
				throw new InvalidInputException("mix",
						"the weight of '" + category + "' must be above 0 and at most 1");
			}
			if (mix.put(category, weight) != null) {
				throw new InvalidInputException("mix", "names '" + category + "' twice");
			}
		}
		double sum = mix.values().stream().mapToDouble(Double::doubleValue).sum();
		if (Math.abs(sum - 1) > SUM_TOLERANCE) {
			throw new InvalidInputException("mix",
					"weights must add up to 1, they add up to " + String.format(Locale.ROOT, "%.4f", sum));
		}
		return mix;
	}

	private static long parseVolume(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("prompts_per_month", "is required: a whole number of prompts, e.g. 10000");
		}
		try {
			long n = Long.parseLong(text.strip());
			if (n >= 1 && n <= MAX_PROMPTS) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// the message below
		}
		throw new InvalidInputException("prompts_per_month", "must be a whole number from 1 to " + MAX_PROMPTS);
	}

	private static double parseCacheHit(String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		try {
			double h = Double.parseDouble(text.strip());
			if (h >= 0 && h <= 1) {
				return h;
			}
		}
		catch (NumberFormatException ex) {
			// the message below
		}
		throw new InvalidInputException("cache_hit", "must be a share from 0 to 1, e.g. 0.3");
	}

	/** The query string of this workload, for a shareable link. */
	public String mixText() {
		return this.mix.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
	}

	private static String abbreviate(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "..." : s;
	}

}
