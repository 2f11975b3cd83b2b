package org.kdcmail.gateway.pop3;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;

/**
 * The gateway's own POP3 replies, with RFC 2449/3206 response codes where one applies ({@code
 * [AUTH]}: the credentials; {@code [SYS/TEMP]}: try again later, nothing is wrong with the
 * credentials or the mailbox).
 */
final class Pop3Replies {
  static final Response AUTHENTICATION_FAILED =
      err("[AUTH] authentication failed: check the user name (a full address) and password");

  static final Response UPSTREAM_UNAVAILABLE =
      err("[SYS/TEMP] the office mail server is unavailable; try again later");

  static final Response TLS_REQUIRED =
      err("USER and PASS need STLS first on this gateway (it is not on loopback)");

  static final Response BAD_SEQUENCE = err("USER first, then PASS");

  static final Response NOT_COMMITTED =
      quitErr(
          "[SYS/TEMP] the office mail server did not confirm the deletions; messages may remain");

  static final Response SIGN_OFF = quitOk("kdcmail gateway signing off");

  private Pop3Replies() {}

  /** The user's master key is locked: a temporary failure the user can fix. */
  static Response keyLocked(String message) {
    return err("[SYS/TEMP] " + message);
  }

  /** The office server failed during a command. */
  static Response upstreamFailed() {
    return err("[SYS/TEMP] the office mail server failed; log in again later");
  }

  private static Response err(String text) {
    return new POP3Response(POP3Response.ERR_RESPONSE, text).immutable();
  }

  private static Response quitOk(String text) {
    POP3Response r = new POP3Response(POP3Response.OK_RESPONSE, text);
    r.setEndSession(true);
    return r.immutable();
  }

  private static Response quitErr(String text) {
    POP3Response r = new POP3Response(POP3Response.ERR_RESPONSE, text);
    r.setEndSession(true);
    return r.immutable();
  }
}
