package org.tokenyield;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module's SQL names only its own tables and the views other modules publish for it
 * (docs/architecture.md "SQL across modules"). The owners are listed once, here; the
 * tables and views are read from the migrations, so a new table without an owner fails,
 * as does a module's SQL naming another module's table. Writes stay with the owner (its
 * Java API); the published views are read-only.
 */
class TableOwnershipTests {

	/** Which module owns which table or view created in db/migration. */
	private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("accounts", "accounts"),
			Map.entry("api_tokens", "accounts"), Map.entry("sign_in_failures", "accounts"),
			Map.entry("sign_in_clients", "accounts"), Map.entry("spring_session", "accounts"),
			Map.entry("spring_session_attributes", "accounts"), Map.entry("account_names", "accounts"),
			Map.entry("prompts", "prompts"), Map.entry("prompt_reports", "prompts"),
			Map.entry("prompt_facts", "prompts"), Map.entry("model_versions", "catalog"),
			Map.entry("model_prices", "catalog"), Map.entry("catalog_models", "catalog"),
			Map.entry("catalog_prices", "catalog"), Map.entry("runs", "runs"), Map.entry("run_attempts", "runs"),
			Map.entry("run_responses", "runs"), Map.entry("run_plans", "runs"), Map.entry("run_schedules", "runs"),
			Map.entry("run_results", "runs"), Map.entry("dataset_imports", "runs"),
			Map.entry("import_provenance", "runs"), Map.entry("config_prompt_stats", "analytics"),
			Map.entry("config_prompt_stats_source", "analytics"), Map.entry("config_week_stats", "analytics"),
			Map.entry("config_week_stats_source", "analytics"), Map.entry("analytics_state", "analytics"),
			Map.entry("summary_changes", "analytics"), Map.entry("config_latency_stats", "analytics"),
			Map.entry("config_latency_stats_source", "analytics"), Map.entry("export_snapshots", "exports"),
			Map.entry("export_files", "exports"), Map.entry("export_file_chunks", "exports"),
			Map.entry("alert_events", "alerts"), Map.entry("alert_state", "alerts"), Map.entry("webhooks", "alerts"),
			Map.entry("webhook_deliveries", "alerts"), Map.entry("audit_log", "system"),
			Map.entry("client_actions", "system"));

	/**
	 * The views a module publishes: the only relations of another module that a module's
	 * SQL may name (read-only).
	 */
	private static final Set<String> PUBLISHED = Set.of("account_names", "catalog_models", "catalog_prices",
			"prompt_facts", "run_results", "import_provenance");

	private static final Path MAIN = Path.of("src/main/java/org/tokenyield");

	private static final Path MIGRATIONS = Path.of("db/migration");

	/** A Java string literal or text block (SQL is text, so read the sources). */
	private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
			Pattern.DOTALL);

	/** A relation named after from, join, update or into ("delete from" included). */
	private static final Pattern RELATION = Pattern
		.compile("\\b(?:from|join|update|into)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

	/** A Spring Data entity's table. */
	private static final Pattern ENTITY_TABLE = Pattern.compile("@Table\\(\\s*(?:name\\s*=\\s*)?\"(\\w+)\"");

	private static final Pattern CREATED = Pattern.compile(
			"create\\s+(?:unlogged\\s+)?(?:table|(?:or\\s+replace\\s+)?(?:materialized\\s+)?view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CREATED_VIEW = Pattern
		.compile("create\\s+(?:or\\s+replace\\s+)?view\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

	@Test
	void everyTableAndViewHasOneOwnerAndThePublishedOnesAreViews() throws IOException {
		assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(created(CREATED));
		assertThat(created(CREATED_VIEW)).containsAll(PUBLISHED);
	}

	@Test
	void aModuleNamesOnlyItsOwnTablesAndPublishedViews() throws IOException {
		assertThat(crossings()).as("SQL naming another module's table (read its published view instead)").isEmpty();
	}

	/** The scan sees SQL in text blocks, strings and entity annotations. */
	@Test
	void theScanFindsTheRelationsSqlNames() {
		assertThat(relations("String sql = \"\"\"\n select 1 from runs r join prompt_facts p on true\"\"\";"))
			.containsExactlyInAnyOrder("runs", "prompt_facts");
		assertThat(relations("jdbc.sql(\"delete from webhooks where id = ?\"); // from accounts"))
			.containsExactly("webhooks");
		assertThat(relations("@Table(name = \"prompts\") class Prompt {}")).containsExactly("prompts");
	}

	private static Set<String> crossings() throws IOException {
		Set<String> crossings = new TreeSet<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
				String source = MAIN.relativize(f).toString().replace('\\', '/');
				// a class beside the application class belongs to no module
				String module = source.contains("/") ? source.substring(0, source.indexOf('/')) : "";
				for (String relation : relations(read(f))) {
					String owner = OWNERS.get(relation);
					if (owner != null && !owner.equals(module) && !PUBLISHED.contains(relation)) {
						crossings.add(source + " names " + relation + " of " + owner);
					}
				}
			});
		}
		return crossings;
	}

	/**
	 * The known tables and views a source's SQL names (other words are not relations).
	 */
	static Set<String> relations(String source) {
		Set<String> named = new TreeSet<>();
		Matcher literal = LITERAL.matcher(source);
		while (literal.find()) {
			String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
			Matcher relation = RELATION.matcher(text);
			while (relation.find()) {
				String name = relation.group(1).toLowerCase();
				if (OWNERS.containsKey(name)) {
					named.add(name);
				}
			}
		}
		Matcher entity = ENTITY_TABLE.matcher(source);
		while (entity.find()) {
			named.add(entity.group(1).toLowerCase());
		}
		return named;
	}

	private static Set<String> created(Pattern pattern) throws IOException {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
				Matcher m = pattern.matcher(read(f));
				while (m.find()) {
					names.add(m.group(1).toLowerCase());
				}
			});
		}
		return names;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
