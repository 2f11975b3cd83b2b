package org.kdcmail.gateway.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * A client's login, kept in memory for the length of its SMTP session so each message is relayed
 * upstream with the user's own credentials. {@link #toString()} never shows the password.
 *
 * @param user the login name, a full mail address, lower case
 * @param password the login password
 */
record Credentials(String user, String password) {
  Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    user = user.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Credentials[" + user + ", password hidden]";
  }
}
