package org.tokenyield.system;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How much a model may think: {@code default}, {@code off}, {@code thinking:N} (a budget
 * of N tokens) or {@code effort:LEVEL} (the provider chooses the budget). The one reading
 * of the format: the catalog, plans, imports, providers, the figure filter and the spend
 * cap all parse through here. It lives in {@code system} because {@code catalog} depends
 * on {@code providers}, so neither can host a rule both need.
 *
 * @param kind which of the four forms
 * @param budget the thinking budget of {@code thinking:N}, else 0
 * @param effort the level of {@code effort:LEVEL}, else null
 */
public record Setting(Kind kind, int budget, String effort) {

	public enum Kind {

		DEFAULT, OFF, THINKING, EFFORT

	}

	/**
	 * Room for thinking under {@code effort:LEVEL}, whose budget the provider chooses:
	 * the largest budget any adapter maps an effort level to.
	 */
	public static final int EFFORT_ALLOWANCE = 32_768;

	/**
	 * The stored form; the same expression is the {@code runs.setting} check in
	 * V1__schema.sql.
	 */
	static final String FORM = "default|off|thinking:[0-9]{1,7}|effort:[a-z]{1,16}";

	/** The stored form, public for the OpenAPI document's patterns. */
	public static final String FORM_PATTERN = FORM;

	/** The stored form as a whole-value pattern, for the OpenAPI document. */
	public static final String SCHEMA_PATTERN = "^(" + FORM + ")$";

	private static final Pattern PATTERN = Pattern.compile(FORM);

	public static final String DESCRIPTION = "one of default, off, thinking:N (budget tokens), effort:LEVEL";

	public static final Setting DEFAULT = new Setting(Kind.DEFAULT, 0, null);

	public static final Setting OFF = new Setting(Kind.OFF, 0, null);

	public Setting {
		if (kind == Kind.THINKING && budget <= 0) {
			throw new IllegalArgumentException("thinking budget must be positive (use 'off' for none)");
		}
		if (kind == Kind.EFFORT && (effort == null || effort.isEmpty())) {
			throw new IllegalArgumentException("effort needs a level, e.g. effort:high");
		}
	}

	/**
	 * Reads a setting.
	 * @throws IllegalArgumentException with a reason a user can act on
	 */
	public static Setting parse(String setting) {
		if (setting == null) {
			throw new IllegalArgumentException("setting is required");
		}
		if (!PATTERN.matcher(setting).matches()) {
			throw new IllegalArgumentException(
					"unknown setting '" + abbreviate(setting) + "' (expected " + DESCRIPTION + ")");
		}
		if (setting.equals("default")) {
			return DEFAULT;
		}
		if (setting.equals("off")) {
			return OFF;
		}
		if (setting.startsWith("thinking:")) {
			return new Setting(Kind.THINKING, Integer.parseInt(setting.substring("thinking:".length())), null);
		}
		return new Setting(Kind.EFFORT, 0, setting.substring("effort:".length()));
	}

	/**
	 * Effort levels from the least to the most thinking, the union of the levels the
	 * adapters accept (OpenAI and compatible servers, Anthropic, Gemini). A level not
	 * listed here is valid but has no known rank.
	 */
	public static final List<String> EFFORT_LEVELS = List.of("none", "minimal", "low", "medium", "high", "xhigh",
			"max");

	/**
	 * The order of a model's sweep: {@code off}, {@code default}, {@code thinking:N} by
	 * budget, then {@code effort:LEVEL} in {@link #EFFORT_LEVELS} order (unranked levels
	 * last, alphabetically).
	 */
	public static final Comparator<Setting> SWEEP_ORDER = Comparator.comparingInt(Setting::sweepGroup)
		.thenComparingInt(Setting::budget)
		.thenComparingInt(Setting::effortRank)
		.thenComparing(s -> s.effort == null ? "" : s.effort);

	/**
	 * Whether this setting asks for strictly more thinking than {@code other}: a larger
	 * {@code thinking:N} budget, a higher ranked effort level, or any thinking setting
	 * against {@code off}. False whenever the two cannot be ranked: {@code default} means
	 * whatever the provider does by default, a budget and an effort level are different
	 * scales, and an unranked level has no place in the order.
	 */
	public boolean asksMoreThinkingThan(Setting other) {
		if (this.kind == Kind.THINKING && other.kind == Kind.THINKING) {
			return this.budget > other.budget;
		}
		if (this.kind == Kind.EFFORT && other.kind == Kind.EFFORT) {
			return effortRank() < EFFORT_LEVELS.size() && other.effortRank() < EFFORT_LEVELS.size()
					&& effortRank() > other.effortRank();
		}
		if (other.kind == Kind.OFF) {
			return this.kind == Kind.THINKING || (this.kind == Kind.EFFORT && !"none".equals(this.effort));
		}
		return false;
	}

	private int sweepGroup() {
		return switch (this.kind) {
			case OFF -> 0;
			case DEFAULT -> 1;
			case THINKING -> 2;
			case EFFORT -> 3;
		};
	}

	/**
	 * The position in {@link #EFFORT_LEVELS}; its size for an unranked level; 0 outside
	 * effort.
	 */
	private int effortRank() {
		if (this.kind != Kind.EFFORT) {
			return 0;
		}
		int rank = EFFORT_LEVELS.indexOf(this.effort);
		return rank < 0 ? EFFORT_LEVELS.size() : rank;
	}

	/** Whether {@link #parse} accepts the text. */
	public static boolean valid(String setting) {
		try {
			parse(setting);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * How many output tokens a call may bill: the answer's cap plus room for thinking, so
	 * a thinking budget is never cut short by the answer's cap (a truncated run would
	 * score 0 for a reason that has nothing to do with the model).
	 */
	public int outputCap(int answerCap) {
		return answerCap + thinkingRoom();
	}

	/** The output tokens a call may spend on thinking on top of the answer's cap. */
	public int thinkingRoom() {
		return switch (this.kind) {
			case THINKING -> this.budget;
			case EFFORT -> EFFORT_ALLOWANCE;
			case DEFAULT, OFF -> 0;
		};
	}

	/**
	 * {@link #outputCap} in SQL, for queries that sum the worst case over stored runs.
	 * @param column the SQL expression holding the setting text
	 * @param answerCap the SQL expression holding the answer's cap
	 */
	public static String outputCapSql(String column, String answerCap) {
		return "(cast(" + answerCap + " as bigint) + case when " + column + " like 'thinking:%' then cast(substring("
				+ column + " from " + ("thinking:".length() + 1) + ") as bigint) when " + column
				+ " like 'effort:%' then " + EFFORT_ALLOWANCE + " else 0 end)";
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case DEFAULT -> "default";
			case OFF -> "off";
			case THINKING -> "thinking:" + this.budget;
			case EFFORT -> "effort:" + this.effort;
		};
	}

	private static String abbreviate(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "…";
	}

}
