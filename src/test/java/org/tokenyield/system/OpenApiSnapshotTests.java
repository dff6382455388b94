package org.tokenyield.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Http;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json is the document the application serves, committed: the Java client of
 * GeneratedClientTests is generated from it at build time (no application runs then), and
 * client authors read it without starting one. The comparison is of JSON values, so key
 * order and layout do not matter; the file is written with sorted keys so that a change
 * to the API is a small diff.
 */
@IntegrationTest
class OpenApiSnapshotTests {

	static final Path SNAPSHOT = Path.of("docs", "openapi.json");

	/** The system property that makes this test rewrite the snapshot. */
	static final String WRITE = "openapi.snapshot.write";

	static final String REWRITE = "./mvnw -B -ntp test -Dtest=OpenApiSnapshotTests -D" + WRITE + "=true";

	static final JsonMapper JSON = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

	@LocalServerPort
	int port;

	@Test
	void theSnapshotIsTheServedDocument() throws IOException {
		Http.Response served = new Http(this.port).get("/api/v1/openapi");
		assertThat(served.status()).isEqualTo(200);
		JsonNode document = served.json();
		if (Boolean.getBoolean(WRITE)) {
			Files.writeString(SNAPSHOT, format(document), StandardCharsets.UTF_8);
			return;
		}
		JsonNode snapshot = JSON.readTree(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
		List<String> differences = new ArrayList<>();
		compare("", snapshot, document, differences);
		assertThat(differences)
			.as("the served /api/v1/openapi differs from %s, the snapshot the generated client is built from."
					+ " If the change is meant, rewrite the snapshot and commit it:%n  %s%n"
					+ "where the two differ (JSON pointers, at most 20)", SNAPSHOT, REWRITE)
			.isEmpty();
	}

	/**
	 * Two-space indentation, one value a line, "name": value, {} and [] when empty, a
	 * final newline.
	 */
	static String format(JsonNode document) {
		DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
		DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
			.withObjectNameValueSpacing(Separators.Spacing.AFTER)
			.withObjectEmptySeparator("")
			.withArrayEmptySeparator("")).withObjectIndenter(indenter).withArrayIndenter(indenter);
		return JSON.writer().with(printer).writeValueAsString(document) + "\n";
	}

	/** Adds the JSON pointers where the snapshot and the served document differ. */
	private static void compare(String pointer, JsonNode snapshot, JsonNode served, List<String> differences) {
		if (differences.size() >= 20 || snapshot.equals(served)) {
			return;
		}
		if (snapshot.isObject() && served.isObject()) {
			TreeSet<String> names = new TreeSet<>(snapshot.propertyNames());
			names.addAll(served.propertyNames());
			for (String name : names) {
				String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!served.has(name)) {
					differences.add("only in the snapshot: " + at);
				}
				else if (!snapshot.has(name)) {
					differences.add("only in the served document: " + at);
				}
				else {
					compare(at, snapshot.get(name), served.get(name), differences);
				}
			}
		}
		else if (snapshot.isArray() && served.isArray() && snapshot.size() == served.size()) {
			for (int i = 0; i < snapshot.size(); i++) {
				compare(pointer + "/" + i, snapshot.get(i), served.get(i), differences);
			}
		}
		else {
			differences.add("changed: " + pointer + " was " + abbreviate(snapshot) + ", is " + abbreviate(served));
		}
	}

	private static String abbreviate(JsonNode value) {
		String text = value.toString();
		return (text.length() > 120) ? text.substring(0, 120) + "..." : text;
	}

}
