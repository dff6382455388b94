package org.tokenyield.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the loosely typed API/storage form of a rule (whatever a JSON library produced)
 * field by field, turning every wrong JSON type into a field error instead of a
 * ClassCastException. A field set to null counts as absent, because form posts and DTOs
 * often send every field.
 */
final class RuleForm {

	private final Map<String, ?> json;

	private final Map<String, String> errors;

	RuleForm(Map<String, ?> json, Map<String, String> errors) {
		this.json = json;
		this.errors = errors;
	}

	/** Text, or null when absent or not text (then a field error is recorded). */
	String text(String field) {
		Object value = this.json.get(field);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		this.errors.put(RuleConstraints.PREFIX + field, "must be text");
		return null;
	}

	/**
	 * Text, also accepting a JSON number, because {@code "expected": 0.75} is the natural
	 * way to write a numeric answer in JSON.
	 */
	String textOrNumber(String field) {
		Object value = this.json.get(field);
		if (value instanceof BigDecimal decimal) {
			return decimal.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			return Double.isFinite(number) ? BigDecimal.valueOf(number).stripTrailingZeros().toPlainString()
					: String.valueOf(number);
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return value.toString();
		}
		if (value == null || value instanceof String) {
			return (String) value;
		}
		this.errors.put(RuleConstraints.PREFIX + field, "must be text or a number");
		return null;
	}

	/**
	 * A number, the default when absent, or NaN when not a number (then a field error is
	 * recorded).
	 */
	double number(String field, double absent, String message) {
		Object value = this.json.get(field);
		if (value == null) {
			return absent;
		}
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		this.errors.put(RuleConstraints.PREFIX + field, message);
		return Double.NaN;
	}

	/**
	 * A list of texts; empty when absent; null items kept so the constraints can report
	 * them.
	 */
	List<String> texts(String field) {
		Object value = this.json.get(field);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof Collection<?> items)) {
			this.errors.put(RuleConstraints.PREFIX + field, "must be a list of texts");
			return List.of();
		}
		List<String> texts = new ArrayList<>();
		int index = 0;
		for (Object item : items) {
			if (item == null || item instanceof String) {
				texts.add((String) item);
			}
			else {
				this.errors.put(RuleConstraints.PREFIX + field + "[" + index + "]", "must be text");
			}
			index++;
		}
		return texts;
	}

}
