package org.kdcmail.gateway.keys;

/**
 * The user's master key is not unlocked in this gateway. SMTP answers {@code 451 4.7.0} and POP3
 * {@code -ERR [SYS/TEMP]} with {@link #getMessage()}, so the client keeps the mail and retries.
 */
public final class MasterKeyLockedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String user;

  public MasterKeyLockedException(String user) {
    super("master key locked: run kdcmail unlock --user " + user);
    this.user = user;
  }

  /** The user whose key is locked. */
  public String user() {
    return user;
  }
}
