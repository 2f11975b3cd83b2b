package org.kdcmail.cli;

/** The runnable jar's entry point: runs {@link KdcmailCommand} and exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(KdcmailCommand.commandLine().execute(args));
  }
}
