package org.kdcmail.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into one line a user can act on, prefixed {@code
 * kdcmail:}, and exit status 1. Set {@code KDCMAIL_DEBUG=1} for the stack trace.
 */
final class ReadableErrors implements IExecutionExceptionHandler {
  static final int EXIT_FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    String message = exception.getMessage();
    if (message == null || message.isBlank()) {
      message = exception.getClass().getSimpleName();
    }
    commandLine.getErr().println("kdcmail: " + message);
    if ("1".equals(System.getenv("KDCMAIL_DEBUG"))) {
      exception.printStackTrace(commandLine.getErr());
    }
    return EXIT_FAILURE;
  }
}
