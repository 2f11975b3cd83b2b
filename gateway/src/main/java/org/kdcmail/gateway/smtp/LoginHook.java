package org.kdcmail.gateway.smtp;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.kdcmail.gateway.prompt.LoginPasswords;

/**
 * AUTH PLAIN and LOGIN, checked against the office SMTP server (the authority: the gateway keeps no
 * user database) with a short-lived {@link CredentialCache} in front. Refuses AUTH on an
 * unencrypted connection unless the gateway listens on loopback only. The login is kept in the
 * session for relaying, and remembered in {@link LoginPasswords} so that a prompt can unlock the
 * user from an MK entry alone.
 */
final class LoginHook implements AuthHook {

  /** The session's confirmed login. */
  static final ProtocolSession.AttachmentKey<Credentials> CREDENTIALS =
      ProtocolSession.AttachmentKey.of("KDCMAIL_CREDENTIALS", Credentials.class);

  private final boolean cleartextAllowed;
  private final CredentialCache cache;
  private final UpstreamPool upstream;
  private final SmtpMetrics metrics;
  private final LoginPasswords passwords;

  LoginHook(
      boolean cleartextAllowed,
      CredentialCache cache,
      UpstreamPool upstream,
      SmtpMetrics metrics,
      LoginPasswords passwords) {
    this.cleartextAllowed = cleartextAllowed;
    this.cache = cache;
    this.upstream = upstream;
    this.metrics = metrics;
    this.passwords = passwords;
  }

  @Override
  public HookResult doAuth(SMTPSession session, Username username, String password) {
    if (!cleartextAllowed && !session.isTLSStarted()) {
      return reply(HookReturnCode.deny(), "538", "5.7.11 Encryption required: use STARTTLS first");
    }
    String user = username.asString();
    if (user.indexOf('@') <= 0) {
      metrics.login("refused");
      return reply(
          HookReturnCode.deny(), "535", "5.7.8 Log in with your full mail address, not " + user);
    }
    Credentials who = new Credentials(user, password);
    if (cache.matches(who)) {
      metrics.login("cached");
      return accept(session, who);
    }
    try {
      upstream.verify(who);
    } catch (UpstreamFailure f) {
      if (f.kind() == UpstreamFailure.Kind.AUTH_REJECTED) {
        cache.forget(who.user());
        metrics.login("refused");
        return reply(HookReturnCode.deny(), "535", "5.7.8 Authentication credentials invalid");
      }
      metrics.login("unavailable");
      return reply(
          HookReturnCode.denySoft(),
          "454",
          "4.7.0 Temporary authentication failure: " + f.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return reply(HookReturnCode.denySoft(), "454", "4.7.0 The gateway is shutting down");
    }
    cache.remember(who);
    metrics.login("ok");
    return accept(session, who);
  }

  @Override
  public HookResult doSasl(
      SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
    return HookResult.DECLINED;
  }

  private HookResult accept(SMTPSession session, Credentials who) {
    passwords.remember(who.user(), who.password()); // for unlocking from an MK entry
    session.setUsername(Username.of(who.user()));
    session.setAttachment(CREDENTIALS, who, ProtocolSession.State.Connection);
    return reply(HookReturnCode.ok(), "235", "2.7.0 Authentication successful");
  }

  private static HookResult reply(HookReturnCode action, String code, String text) {
    return HookResult.builder()
        .hookReturnCode(action)
        .smtpReturnCode(code)
        .smtpDescription(text)
        .build();
  }
}
