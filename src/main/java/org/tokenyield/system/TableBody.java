package org.tokenyield.system;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An answer a client reads as JSON or, asking for {@code text/csv} ({@code Accept} or
 * {@code format=csv}), as a table: content negotiation picks the converter, the
 * controller decides nothing. JSON writes {@code json} as it is; {@link CsvConverter}
 * writes {@code rows} (computed only then), flattened by {@link Csv}, with a header line
 * from {@code rowType} even when there are no rows.
 *
 * @param json what the JSON answer is (an object, or a {@code RawValue} of ready bytes)
 * @param rows the rows of the CSV answer
 * @param rowType the type of a row
 * @param name the file name of the CSV answer, without {@code .csv}
 */
public record TableBody(@JsonValue Object json, Supplier<List<?>> rows, Class<?> rowType, String name) {

	public static TableBody of(Object json, List<?> rows, Class<?> rowType, String name) {
		return new TableBody(json, () -> rows, rowType, name);
	}

}
