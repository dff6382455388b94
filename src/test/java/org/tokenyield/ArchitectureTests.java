package org.tokenyield;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where SQL may live (docs/architecture.md). {@link ModularityTests} keeps the module
 * arrows pointing one way; these rules keep each module's data behind its own classes.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tokenyield");

	private static final Set<String> JDBC = Set.of("org.springframework.jdbc.core.simple.JdbcClient",
			"org.springframework.jdbc.core.JdbcTemplate",
			"org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate", "javax.sql.DataSource",
			"org.postgresql.PGConnection");

	/** The runs module's two writers, named for what they do in the product's words. */
	private static final Set<String> RUN_WRITERS = Set.of("org.tokenyield.runs.RunTransitions",
			"org.tokenyield.runs.ImportedRuns");

	private static final DescribedPredicate<JavaClass> JDBC_TYPE = DescribedPredicate
		.describe("JdbcClient, JdbcTemplate, a DataSource or the PostgreSQL driver", c -> JDBC.contains(c.getName()));

	private static final DescribedPredicate<JavaClass> DATA_ACCESS = DescribedPredicate.describe(
			"named *Repository or *Query, or a writer of the runs module",
			c -> outer(c).getSimpleName().endsWith("Repository") || outer(c).getSimpleName().endsWith("Query")
					|| RUN_WRITERS.contains(outer(c).getName()));

	private static JavaClass outer(JavaClass c) {
		return c.getEnclosingClass().map(ArchitectureTests::outer).orElse(c);
	}

	/**
	 * Imports parse and validate; runs are written by the runs module, prompts found by
	 * the prompts module.
	 */
	@Test
	void importsWriteThroughTheModulesThatOwnTheTables() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("org.tokenyield.imports..")
			.should()
			.dependOnClassesThat(JDBC_TYPE)
			.because("the runs module owns the runs table (ImportedRuns) and the prompts module the prompts table");
		rule.check(MAIN);
	}

	/**
	 * SQL lives in data-access classes: a class that uses JDBC and is not one fails the
	 * build, reported once per top-level class (nested classes count as their outer
	 * class).
	 */
	@Test
	void jdbcStaysInRepositoriesAndQueries() {
		ArchRule rule = classes().that(DescribedPredicate.not(DATA_ACCESS))
			.and()
			.areTopLevelClasses()
			.should(new ArchCondition<JavaClass>("not use JDBC") {
				@Override
				public void check(JavaClass c, ConditionEvents events) {
					boolean uses = MAIN.stream()
						.filter(x -> outer(x).equals(c))
						.flatMap(x -> x.getDirectDependenciesFromSelf().stream())
						.anyMatch(d -> JDBC_TYPE.test(d.getTargetClass()));
					if (uses) {
						events.add(SimpleConditionEvent.violated(c, c.getName() + " uses JDBC"));
					}
				}
			})
			.as("JDBC is used only by classes named *Repository or *Query, or by the runs module's writers");
		rule.check(MAIN);
	}

	/**
	 * One class reads the demo switch; everything that shows or hides simulated data asks
	 * it. The switch is bound once, as {@code SystemProperties.demo} (a record bound to
	 * {@code app}); no source names {@code app.demo} itself, no other properties class
	 * binds it, and only {@code SimulatedVisibility} asks the record for it.
	 */
	@Test
	void onlySimulatedVisibilityReadsTheDemoSwitch() throws IOException {
		assertThat(sourcesMatching(Pattern.compile("\\$\\{app\\.demo[:}]|\"app\\.demo\""))).isEmpty();
		assertThat(MAIN.stream().filter(ArchitectureTests::bindsTheDemoSwitch).map(JavaClass::getName))
			.containsExactly(SYSTEM_PROPERTIES);
		noClasses().that()
			.doNotHaveFullyQualifiedName("org.tokenyield.system.SimulatedVisibility")
			.and()
			.doNotHaveFullyQualifiedName(SYSTEM_PROPERTIES)
			.should()
			.callMethod(SYSTEM_PROPERTIES, "demo")
			.because("SimulatedVisibility is the one home of the rule that shows or hides simulated data")
			.check(MAIN);
	}

	private static final String SYSTEM_PROPERTIES = "org.tokenyield.system.SystemProperties";

	/**
	 * A properties class bound to {@code app} with a {@code demo} field reads
	 * {@code app.demo}.
	 */
	private static boolean bindsTheDemoSwitch(JavaClass c) {
		return c.tryGetAnnotationOfType(ConfigurationProperties.class)
			.filter(p -> "app".equals(p.value()) || "app".equals(p.prefix()))
			.isPresent() && c.getAllFields().stream().anyMatch(f -> f.getName().equals("demo"));
	}

	/**
	 * The one writer of run status: no other class updates {@code runs.status} (SQL text,
	 * so read the sources).
	 */
	@Test
	void onlyRunTransitionsChangesRunStatus() throws IOException {
		// "update runs ... set ... status =" before any "where": an assignment, not a
		// condition
		String noWhere = "(?:(?!\\bwhere\\b)[^;\"])*?";
		Pattern statusUpdate = Pattern.compile(
				"update\\s+runs\\b" + noWhere + "\\bset\\b" + noWhere + "[\\s,.]status\\s*=", Pattern.CASE_INSENSITIVE);
		assertThat(sourcesMatching(statusUpdate)).containsExactly("org/tokenyield/runs/RunTransitions.java");
	}

	/**
	 * One naming rule for test classes: {@code *Tests} (surefire, {@code mvn test});
	 * browser tests keep {@code *BrowserTest}, the suffix failsafe includes and surefire
	 * excludes (pom.xml); {@code *Benchmark} classes print figures and run only when
	 * asked for ({@code -Dtest=...}).
	 */
	@Test
	void testClassesEndInTestsOrBrowserTest() throws IOException {
		Path root = Path.of("src/test/java");
		try (Stream<Path> files = Files.walk(root)) {
			List<String> misnamed = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
				try {
					// the annotation itself, not @TestBean, @TestConfiguration or
					// @TestPropertySource
					return TEST_ANNOTATION.matcher(Files.readString(f)).find();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			})
				.map(f -> f.getFileName().toString())
				.filter(n -> !n.endsWith("Tests.java") && !n.endsWith("BrowserTest.java")
						&& !n.endsWith("Benchmark.java"))
				.toList();
			assertThat(misnamed).isEmpty();
		}
	}

	private static final Pattern TEST_ANNOTATION = Pattern.compile("@Test\\b");

	private static List<String> sourcesMatching(Pattern pattern) throws IOException {
		Path root = Path.of("src/main/java");
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
				try {
					Matcher m = pattern.matcher(Files.readString(f));
					return m.find();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
		}
	}

}
