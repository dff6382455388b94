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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface IntegrationTest {

}
