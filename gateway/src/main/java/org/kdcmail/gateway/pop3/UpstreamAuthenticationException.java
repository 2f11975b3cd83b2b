package org.kdcmail.gateway.pop3;

/** The office POP3 server refused the client's user name or password. */
final class UpstreamAuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  UpstreamAuthenticationException(String user) {
    super("the office mail server refused the login of " + user);
  }
}
