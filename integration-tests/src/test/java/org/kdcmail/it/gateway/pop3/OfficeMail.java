package org.kdcmail.it.gateway.pop3;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.mime.KdcTickets;
import org.kdcmail.mime.MailWrapper;
import org.kdcmail.mime.WrapOptions;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * Puts mail into the office server the way a sender's gateway would: really wrapped (a session key
 * from the real KDC for the sender, {@link MailWrapper}) and delivered over SMTP, byte for byte.
 */
final class OfficeMail {
  private final MailSystem system;
  private final Path spool;

  OfficeMail(MailSystem system, Path spool) {
    this.system = system;
    this.spool = spool;
  }

  /** {@code original} wrapped by {@code sender} for {@code recipients}. */
  byte[] wrap(String sender, List<String> recipients, byte[] original) throws Exception {
    MasterKey key =
        new Unlocker(KdcFixture.CHEAP)
            .unlock(
                system.storeOf(sender),
                MailSystem.password(sender).toCharArray(),
                MailSystem.mkId(sender).toCharArray(),
                MailSystem.mkPassword(sender).toCharArray());
    KdcClient client =
        KdcClient.builder()
            .address(system.kdc().address())
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    SessionGrant grant =
        client.requestSessionKey(new UserKey(sender, key), recipients, Clock.systemUTC());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MailWrapper.wrap(
          new ByteArrayInputStream(original),
          out,
          KdcTickets.material(grant, sender, "it-node", recipients, Map.of()),
          WrapOptions.builder().spoolDir(spool).build());
      return out.toByteArray();
    } finally {
      grant.destroy();
      key.destroy();
    }
  }

  /** Delivers {@code message} to {@code recipient}'s office mailbox over SMTP, dot-stuffed. */
  void deliver(String from, String recipient, byte[] message) throws IOException {
    InetSocketAddress smtp =
        new InetSocketAddress("127.0.0.1", system.office().getSmtp().getPort());
    try (Socket s = new Socket()) {
      s.connect(smtp, 5000);
      s.setSoTimeout(30_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      expect(in, "220");
      command(out, in, "EHLO it.example.test", "250");
      command(out, in, "MAIL FROM:<" + from + ">", "250");
      command(out, in, "RCPT TO:<" + recipient + ">", "250");
      command(out, in, "DATA", "354");
      out.write(stuffed(message));
      command(out, in, ".", "250");
      command(out, in, "QUIT", "221");
    }
  }

  /** Dot-stuffed with CRLF line ends, as SMTP DATA carries it. */
  static byte[] stuffed(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean lineStart = true;
    for (byte b : message) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    if (!lineStart) {
      out.write('\r');
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static void command(OutputStream out, BufferedReader in, String line, String code)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, code);
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("SMTP closed, expected " + code);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(code)) {
      throw new IOException("SMTP answered " + line + ", expected " + code);
    }
  }
}
