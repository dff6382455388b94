package org.tokenyield.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The settings of an {@code @ApplicationModuleTest} that starts some modules, not the
 * runs module: the readiness health group names the run worker
 * ({@code management.endpoint.health.group.readiness.include}), which only the runs
 * module provides, so the group is not checked against the beans present. Tests that
 * start the runs module (or the whole application) keep the check.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
public @interface SomeModulesOnly {

}
