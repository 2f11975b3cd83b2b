/**
 * The {@code kdcmail} command: one picocli entry point whose subcommands run the product's parts.
 * Every command keeps its files under one home folder ({@link org.kdcmail.cli.HomeDirectory}); data
 * for scripts goes to standard output (only JSON under {@code --json}), everything else to standard
 * error.
 */
package org.kdcmail.cli;
