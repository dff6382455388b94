package org.tokenyield.prompts;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grading rule as a browser form has it: one text field per rule field, lists one
 * item per line. {@link #toMap()} gives the API's {@code grader} object; the grading
 * package validates it.
 */
public record GraderForm(String graderType, String expected, String tolerance, String pattern, String all, String any,
		String required, String rubric, String options) {

	public static GraderForm empty() {
		return new GraderForm("exact", "", "", "", "", "", "", "", "");
	}

	public static GraderForm of(Map<String, Object> grader) {
		return new GraderForm(str(grader.get("type")), str(grader.get("expected")), str(grader.get("tolerance")),
				str(grader.get("pattern")), lines(grader.get("all")), lines(grader.get("any")),
				lines(grader.get("required")), str(grader.get("rubric")), lines(grader.get("options")));
	}

	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", blankToNull(this.graderType));
		String type = this.graderType == null ? "" : this.graderType;
		switch (type) {
			case "exact" -> map.put("expected", this.expected);
			case "numeric" -> {
				map.put("expected", this.expected);
				if (this.tolerance != null && !this.tolerance.isBlank()) {
					map.put("tolerance", number(this.tolerance));
				}
			}
			case "choice" -> {
				map.put("expected", this.expected);
				if (this.options != null && !this.options.isBlank()) {
					map.put("options", list(this.options));
				}
			}
			case "regex" -> map.put("pattern", this.pattern);
			case "contains" -> {
				if (this.all != null && !this.all.isBlank()) {
					map.put("all", list(this.all));
				}
				if (this.any != null && !this.any.isBlank()) {
					map.put("any", list(this.any));
				}
			}
			case "json" -> map.put("required", list(this.required == null ? "" : this.required));
			case "judge" -> map.put("rubric", this.rubric);
			default -> {
			}
		}
		return map;
	}

	/**
	 * A tolerance the form could not read as a number goes through as text, so the
	 * grader's check names it.
	 */
	private static Object number(String text) {
		try {
			return Double.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			return text;
		}
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	private static String str(Object o) {
		return o == null ? "" : o.toString();
	}

	private static String lines(Object o) {
		return o instanceof List<?> l ? String.join("\n", l.stream().map(String::valueOf).toList()) : str(o);
	}

}
