package org.tokenyield;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test against the whole application on a real port and the real (embedded) PostgreSQL.
 * All such tests share one PostgreSQL per JVM (see EmbeddedPostgresLauncher) and, when
 * their configuration is the same, one Spring context: keep properties on this annotation
 * only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// exports: chunks of 2 KB instead of 1 MB, so a test's snapshot spans several
// (ExportStreamingTests)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "app.exports.chunk-size=2KB")
public @interface IntegrationTest {

}
