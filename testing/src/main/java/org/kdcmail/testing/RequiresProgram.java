package org.kdcmail.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs programs outside the JDK (e.g. {@code ent}, {@code swaks}, {@code psql}).
 * When one is missing from {@code PATH} the test is skipped with a printed reason; when the
 * environment variable {@code KDCMAIL_REQUIRE_ALL=1} is set (as {@code .ci/run} does) it fails
 * instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiredProgramsCondition.class)
public @interface RequiresProgram {
  /** Program names looked up on {@code PATH}. */
  String[] value();

  /** The Debian package that provides them, named in the skip message. */
  String debianPackage() default "";
}
