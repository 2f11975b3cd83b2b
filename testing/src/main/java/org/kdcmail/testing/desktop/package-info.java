/**
 * Headful Swing tests: the display condition ({@link RequiresDisplay}, with the virtual display
 * from {@code testing/xvfb/bin/java}), a driver that finds components by name and types through
 * {@link java.awt.Robot}, and screenshots saved as test output and checked to be non-blank.
 */
package org.kdcmail.testing.desktop;
