package org.tokenyield.web;

import java.math.BigDecimal;
import java.util.Locale;

import org.tokenyield.analytics.calc.Estimate;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Number formatting for pages, the bean {@code fmt} of the templates
 * ({@code ${@fmt.pct(x)}}); a missing value shows as an en dash.
 */
@Component("fmt")
public class PageFormats {

	private final JsonMapper json;

	PageFormats(JsonMapper json) {
		this.json = json;
	}

	/** A grading rule (or any small value) as the JSON the API speaks, for display. */
	public String json(Object value) {
		return value == null ? NONE : this.json.writeValueAsString(value);
	}

	private static final String NONE = "–";

	public String pct(Estimate e) {
		return e == null || e.value() == null ? NONE : pct(e.value());
	}

	public String pct(Double v) {
		return v == null ? NONE : String.format(Locale.ROOT, "%.1f%%", v * 100);
	}

	/** A drift or change: signed percent. */
	public String signedPct(Estimate e) {
		return e == null || e.value() == null ? NONE : String.format(Locale.ROOT, "%+.1f%%", e.value() * 100);
	}

	/** An accuracy change in points. */
	public String points(Estimate e) {
		return e == null || e.value() == null ? NONE : String.format(Locale.ROOT, "%+.1f pt", e.value() * 100);
	}

	public String ci(Estimate e) {
		if (e == null || e.ciLow() == null || e.ciHigh() == null) {
			return "";
		}
		return String.format(Locale.ROOT, "[%.1f, %.1f]", e.ciLow() * 100, e.ciHigh() * 100);
	}

	public String ciSigned(Estimate e) {
		if (e == null || e.ciLow() == null || e.ciHigh() == null) {
			return "";
		}
		return String.format(Locale.ROOT, "[%+.1f, %+.1f]", e.ciLow() * 100, e.ciHigh() * 100);
	}

	public String tokens(Double v) {
		if (v == null) {
			return NONE;
		}
		return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
	}

	/** A change in tokens, signed: {@code +1,240 tok.}. */
	public String signedTokens(Estimate e) {
		return e == null || e.value() == null ? NONE : String.format(Locale.ROOT, "%+,.0f tok.", e.value());
	}

	/** The interval of a change in tokens, signed: {@code [+980, +1,510]}. */
	public String tokenInterval(Estimate e) {
		if (e == null || e.ciLow() == null || e.ciHigh() == null) {
			return "";
		}
		return String.format(Locale.ROOT, "[%+,.0f, %+,.0f]", e.ciLow(), e.ciHigh());
	}

	public String num(Double v, int decimals) {
		return v == null ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", v);
	}

	/** A latency in milliseconds: {@code 850 ms} below a second, {@code 1.24 s} above. */
	public String latency(Double ms) {
		if (ms == null) {
			return NONE;
		}
		return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f s", ms / 1000);
	}

	/** An amount in dollars with cents and thousands: {@code $1,234.56}. */
	public String money(Double v) {
		return v == null ? NONE : String.format(Locale.ROOT, "$%,.2f", v);
	}

	/** The interval of an amount in dollars: {@code [$1,100.00, $1,380.50]}. */
	public String moneyInterval(Estimate e) {
		if (e == null || e.ciLow() == null || e.ciHigh() == null) {
			return "";
		}
		return String.format(Locale.ROOT, "[$%,.2f, $%,.2f]", e.ciLow(), e.ciHigh());
	}

	public String usd(Double v) {
		return v == null ? NONE : String.format(Locale.ROOT, "$%.5f", v);
	}

	public String usd(BigDecimal v) {
		return v == null ? NONE : "$" + v.stripTrailingZeros().toPlainString();
	}

	/** A change in dollars, signed: {@code +$0.00125}. */
	public String signedUsd(Estimate e) {
		if (e == null || e.value() == null) {
			return NONE;
		}
		String digits = String.format(Locale.ROOT, "%.5f", Math.abs(e.value()));
		// what rounds to nothing has no sign: no "−$0.00000"
		return (Double.parseDouble(digits) == 0 ? "" : e.value() < 0 ? "−" : "+") + "$" + digits;
	}

	/** The interval of a change in dollars: {@code [−$0.00010, +$0.00240]}. */
	public String usdInterval(Estimate e) {
		if (e == null || e.ciLow() == null || e.ciHigh() == null) {
			return "";
		}
		return "[" + signedUsd(Estimate.pointOnly(e.ciLow())) + ", " + signedUsd(Estimate.pointOnly(e.ciHigh())) + "]";
	}

	public String label(String apiName) {
		return apiName == null ? NONE : apiName.replace('_', ' ');
	}

	/** An interval in its own units, e.g. a slope: {@code [0.12, 0.31]}. */
	public String interval(Estimate e, int decimals) {
		if (e == null || e.ciLow() == null || e.ciHigh() == null) {
			return "";
		}
		String f = "%." + decimals + "f";
		return String.format(Locale.ROOT, "[" + f + ", " + f + "]", e.ciLow(), e.ciHigh());
	}

	/** The reader's word for a scaling regime (METRICS.md section 3). */
	public String regime(String regime) {
		if (regime == null) {
			return NONE;
		}
		return switch (regime) {
			case "NEGATIVE" -> "overthinking";
			case "FLAT" -> "flat";
			case "SUBLINEAR" -> "productive";
			case "STEEP" -> "steep";
			default -> "inconclusive";
		};
	}

	/** A fraction as percent without sign, or a dash. */
	public String pct1(double v) {
		return String.format(Locale.ROOT, "%.1f%%", v * 100);
	}

}
