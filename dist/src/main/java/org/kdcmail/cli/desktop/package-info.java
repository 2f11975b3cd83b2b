/**
 * {@code kdcmail desktop}: the desktop app (status window, tray, MK prompt from {@code
 * org.kdcmail.plugin.desktop}) wired to the running gateway over its loopback HTTP endpoint — the
 * status and lock through the control channel, the MK prompt through the prompts' long poll and
 * {@code /prompt/unlock}.
 */
package org.kdcmail.cli.desktop;
