/**
 * The desktop dialogs (Swing, JDK only): the master-key prompt ({@link
 * org.kdcmail.plugin.desktop.MkPrompt}), the sign-up form ({@link
 * org.kdcmail.plugin.desktop.SignUpForm}) and the status window with its tray icon ({@link
 * org.kdcmail.plugin.desktop.StatusWindow}). Each dialog gets its work from a small injected
 * interface ({@link org.kdcmail.plugin.desktop.MkEntryHandler}, {@link
 * org.kdcmail.plugin.desktop.SignUpHandler}, {@link org.kdcmail.plugin.desktop.StatusSource},
 * {@link org.kdcmail.plugin.desktop.LockHandler}) and calls it off the event dispatch thread.
 * Secrets are read from the fields only as {@code char[]}, the fields are emptied, and the copies
 * are zeroed after use.
 */
package org.kdcmail.plugin.desktop;
