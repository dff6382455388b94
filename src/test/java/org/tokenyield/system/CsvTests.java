package org.tokenyield.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The formula guard: user text never reaches a spreadsheet as a formula. */
class CsvTests {

	@Test
	void cellsThatASpreadsheetWouldRunAreNeutralised() {
		assertThat(Csv.quote("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
		assertThat(Csv.quote("+cmd")).isEqualTo("'+cmd");
		assertThat(Csv.quote("-2+3")).isEqualTo("-2+3").as("arithmetic of digits only is a number, not text");
		assertThat(Csv.quote("-cmd|' /C calc'!A0")).isEqualTo("'-cmd|' /C calc'!A0");
		assertThat(Csv.quote("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.quote("\t=1+1")).isEqualTo("'\t=1+1");
		assertThat(Csv.quote("\r=1+1")).isEqualTo("\"'\r=1+1\"");
		// an e is an exponent only after digits: cell references are formulas too
		assertThat(Csv.quote("-E1+E2")).isEqualTo("'-E1+E2");
		assertThat(Csv.quote("+e")).isEqualTo("'+e");
		assertThat(Csv.quote("-.e1")).isEqualTo("'-.e1");
		assertThat(Csv.quote("-1-")).isEqualTo("'-1-");
	}

	@Test
	void numbersAndPlainTextAreLeftAlone() {
		assertThat(Csv.quote("-0.5")).isEqualTo("-0.5");
		assertThat(Csv.quote("1e+3")).isEqualTo("1e+3");
		assertThat(Csv.quote("-1.5E-4")).isEqualTo("-1.5E-4");
		assertThat(Csv.quote("+7")).isEqualTo("+7");
		assertThat(Csv.quote("-.5e3")).isEqualTo("-.5e3");
		assertThat(Csv.quote("-1.0E-4+2")).isEqualTo("-1.0E-4+2");
		assertThat(Csv.quote("a=b")).isEqualTo("a=b");
		assertThat(Csv.quote("")).isEmpty();
		assertThat(Csv.quote("x, \"y\"")).isEqualTo("\"x, \"\"y\"\"\"");
	}

	record Row(String title, double delta) {
	}

	record Estimated(double value, Double ciLow) {
	}

	record Nested(String model, Estimated accuracyChange, List<String> settings) {
	}

	@Test
	void aTableWithoutRowsStillHasItsHeaderLine() {
		Csv csv = new Csv(JsonMapper.builder().build());
		assertThat(csv.write(List.of(), Nested.class))
			.isEqualTo("model,accuracy_change.value,accuracy_change.ci_low,settings\r\n");
		assertThat(csv.write(List.of(), null)).isEqualTo("\r\n");
	}

	@Test
	void writtenRowsCarryTheGuard() {
		String csv = new Csv(JsonMapper.builder().build()).write(List.of(new Row("=1+1", -0.25), new Row("@me", 2)));
		assertThat(csv).isEqualTo("title,delta\r\n'=1+1,-0.25\r\n'@me,2.0\r\n");
	}

	record Other(String title, int count) {
	}

	@Test
	void rowsWrittenOneAtATimeAreTheSameBytesAndKeepTheirColumns() throws Exception {
		Csv csv = new Csv(JsonMapper.builder().build());
		List<Row> rows = List.of(new Row("=1+1", -0.25), new Row("a, \"b\"", 2), new Row(null, 0));
		StringBuilder out = new StringBuilder();
		Csv.Rows writer = csv.rows(out);
		for (Row row : rows) {
			writer.write(row);
		}
		assertThat(out).hasToString(csv.write(rows));
		assertThat(writer.written()).isEqualTo(3);
		// a row of another shape would land under the wrong header: refused
		assertThatIllegalArgumentException().isThrownBy(() -> writer.write(new Other("x", 1)));
	}

}
