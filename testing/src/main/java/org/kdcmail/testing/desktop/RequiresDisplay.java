package org.kdcmail.testing.desktop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a Swing test that must run headful, on the virtual display {@code testing/xvfb/bin/java}
 * starts for the test JVM. Without a usable display (no {@code DISPLAY}, or a JDK without X11 AWT)
 * the test is skipped with the reason, or fails when {@code KDCMAIL_REQUIRE_ALL=1}. Put
 * {@code @RequiresProgram("Xvfb")} next to it so a missing Xvfb is reported as such.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DisplayCondition.class)
public @interface RequiresDisplay {}
