package org.tokenyield.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an API operation needs ({@code MEMBER}, {@code MAINTAINER} or {@code ADMIN}),
 * as the OpenAPI document tells clients. The rule itself is the security configuration's;
 * {@code ApiContractTests} calls each such operation anonymously (401) to keep the two in
 * step. An operation without it is open to anonymous readers.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiRole {

	String value();

	/**
	 * When the role is needed, if not always (anonymous readers may call the operation
	 * otherwise).
	 */
	String when() default "";

}
