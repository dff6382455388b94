package org.tokenyield.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV for every list and figure: the rows are the same JSON the API serves, nested
 * objects flattened into dotted column names ({@code drift.generated.value}), so CSV and
 * JSON never disagree.
 */
@Component
public class Csv {

	public static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	/** For OpenAPI annotations of endpoints that also answer CSV. */
	public static final String MEDIA_TYPE = "text/csv";

	private static final String NUMBER = "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?";

	/**
	 * Numbers (digits with an optional exponent), signed, possibly added or subtracted.
	 */
	private static final Pattern NUMBERS = Pattern.compile("[+-]?" + NUMBER + "(?:[+-]" + NUMBER + ")*");

	private final JsonMapper json;

	Csv(JsonMapper json) {
		this.json = json;
	}

	public String write(List<?> rows) {
		return write(rows, null);
	}

	/**
	 * The rows as CSV; with no rows, the header line still names the columns of
	 * {@code rowType} (a record's components, nested records as dotted names), so a
	 * reader of an empty table still learns its columns.
	 */
	public String write(List<?> rows, Class<?> rowType) {
		List<Map<String, String>> flat = new ArrayList<>();
		Set<String> columns = new LinkedHashSet<>();
		if (rows.isEmpty() && rowType != null) {
			columnsOf("", rowType, columns);
		}
		for (Object row : rows) {
			Map<String, String> cells = new LinkedHashMap<>();
			flatten("", this.json.valueToTree(row), cells);
			columns.addAll(cells.keySet());
			flat.add(cells);
		}
		StringBuilder out = new StringBuilder();
		out.append(String.join(",", columns.stream().map(Csv::quote).toList())).append("\r\n");
		for (Map<String, String> cells : flat) {
			out.append(String.join(",", columns.stream().map(c -> quote(cells.getOrDefault(c, ""))).toList()))
				.append("\r\n");
		}
		return out.toString();
	}

	/**
	 * Writes rows one at a time, for output too large to hold: the same bytes as
	 * {@link #write(List)} for rows that all have the same columns, which is what a
	 * streamed writer can promise (it writes the header with the first row). A row with
	 * other columns is refused rather than written misaligned.
	 * @param out where the lines go; never closed here
	 * @return the writer of the rows
	 */
	public Rows rows(Appendable out) {
		return new Rows(out);
	}

	/** Rows written one at a time; see {@link Csv#rows(Appendable)}. */
	public final class Rows {

		private final Appendable out;

		private List<String> columns;

		private long written;

		private Rows(Appendable out) {
			this.out = out;
		}

		public void write(Object row) throws java.io.IOException {
			Map<String, String> cells = new LinkedHashMap<>();
			flatten("", Csv.this.json.valueToTree(row), cells);
			if (this.columns == null) {
				this.columns = List.copyOf(cells.keySet());
				this.out.append(String.join(",", this.columns.stream().map(Csv::quote).toList())).append("\r\n");
			}
			else if (!this.columns.equals(List.copyOf(cells.keySet()))) {
				throw new IllegalArgumentException("row " + (this.written + 1) + " has the columns " + cells.keySet()
						+ ", not the first row's " + this.columns);
			}
			this.out.append(String.join(",", this.columns.stream().map(c -> quote(cells.get(c))).toList()))
				.append("\r\n");
			this.written++;
		}

		/** Rows written so far. */
		public long written() {
			return this.written;
		}

	}

	private static void columnsOf(String prefix, Class<?> type, Set<String> columns) {
		if (!type.isRecord()) {
			columns.add(prefix.isEmpty() ? "value" : prefix);
			return;
		}
		for (var component : type.getRecordComponents()) {
			String name = component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
			String column = prefix.isEmpty() ? name : prefix + "." + name;
			if (component.getType().isRecord()) {
				columnsOf(column, component.getType(), columns);
			}
			else {
				columns.add(column);
			}
		}
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> cells) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			cells.put(prefix, "");
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), cells);
			}
		}
		else if (node.isArray()) {
			List<String> parts = new ArrayList<>();
			node.forEach(n -> parts.add(n.isValueNode() ? n.asString() : n.toString()));
			cells.put(prefix, String.join(";", parts));
		}
		else {
			cells.put(prefix, node.asString());
		}
	}

	/**
	 * RFC 4180 quoting; a leading =, +, -, @, tab or carriage return (OWASP's CSV
	 * injection list) is prefixed with {@code '} so spreadsheets do not run user text as
	 * a formula. Plain numbers such as {@code -0.5} or {@code 1e+3}, and sums of them,
	 * are left as they are; an {@code e} counts only as an exponent, so cell references
	 * such as {@code -E1+E2} are neutralised.
	 */
	static String quote(String value) {
		String v = value;
		if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !NUMBERS.matcher(v).matches()) {
			v = "'" + v;
		}
		if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
			return "\"" + v.replace("\"", "\"\"") + "\"";
		}
		return v;
	}

}
