package org.kdcmail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.kdcmail.gateway.http.MailClientSettings;

/** The settings {@code kdcmail client-setup} prints, with where to type them in three clients. */
final class MailClientInstructions {
  private final MailClientSettings settings;
  private final List<String> domains;
  private final Optional<String> fingerprint;

  MailClientInstructions(
      MailClientSettings settings, List<String> domains, Optional<String> fingerprint) {
    this.settings = settings;
    this.domains = List.copyOf(domains);
    this.fingerprint = fingerprint;
  }

  void print(PrintWriter out, String source) {
    String security = settings.startTls() ? "STARTTLS" : "none (the gateway is on this machine)";
    String example = domains.isEmpty() ? "alice@example.test" : "alice@" + domains.get(0);
    out.println("Mail-client settings for the kdcmail gateway (from " + source + "):");
    out.println();
    out.println(
        "  Incoming mail   POP3   server "
            + settings.host()
            + "   port "
            + settings.pop3Port()
            + "   security "
            + security);
    out.println(
        "  Outgoing mail   SMTP   server "
            + settings.host()
            + "   port "
            + settings.smtpPort()
            + "   security "
            + security);
    out.println("  User name       your full mail address (e.g. " + example + "), for both");
    out.println("  Password        your mail password, sent as is (\"normal password\")");
    fingerprint.ifPresent(
        f ->
            out.println(
                "  Certificate     self-signed unless configured; accept it only if its SHA-256"
                    + " is "
                    + f));
    out.println();
    out.println(
        "Thunderbird: Account Settings > Account Actions > Add Mail Account; enter name, address"
            + " and password, then Configure manually: POP3 and SMTP as above, authentication"
            + " \"Normal password\".");
    out.println(
        "Outlook:     File > Add Account > Advanced options > Let me set up my account manually >"
            + " POP; encryption method "
            + (settings.startTls() ? "STARTTLS" : "None")
            + ", \"Require logon using Secure Password Authentication (SPA)\" off.");
    out.println(
        "Apple Mail:  Mail > Add Account > Other Mail Account; when asked for servers: account"
            + " type POP, incoming and outgoing server as above, user name the full address.");
    out.println();
    out.println("Before reading or sending mail: kdcmail unlock --user " + example);
  }
}
