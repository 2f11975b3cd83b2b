package org.kdcmail.it.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;
import static org.kdcmail.it.gateway.MailSystem.CAROL;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.it.gateway.TestMessages;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.mime.KdcTickets;
import org.kdcmail.mime.MailUnwrapper;
import org.kdcmail.mime.RevocationCheck;
import org.kdcmail.mime.SeenKeyIds;
import org.kdcmail.mime.Verdict;

/**
 * 50 concurrent SMTP sessions submit 20 messages each through one gateway: every message answered
 * 250 is stored upstream exactly once and its recipient reads it; nothing that was not accepted
 * arrives; nothing is refused permanently.
 */
class ConcurrentSubmissionIT {
  private static final int SESSIONS = 50;
  private static final int MESSAGES = 20;
  private static final List<String> USERS = List.of(ALICE, BOB, CAROL);
  private static final Pattern TOKEN = Pattern.compile("token-(\\d+)-(\\d+)");

  @Test
  void fiftySessionsTimesTwenty_every250ArrivesOnceAndIsReadable(@TempDir Path folder)
      throws Exception {
    try (SmtpGatewayFixture f = new SmtpGatewayFixture(folder, b -> b)) {
      for (String u : USERS) {
        f.mail.unlock(u);
      }
      Map<String, String> accepted = new ConcurrentHashMap<>(); // token -> recipient
      Map<String, String> refused = new ConcurrentHashMap<>(); // token -> reply
      ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        int session = s;
        done.add(pool.submit(() -> runSession(f, session, accepted, refused)));
      }
      for (Future<?> d : done) {
        d.get();
      }
      pool.shutdown();

      assertThat(refused.values()).as("only temporary refusals").allMatch(r -> r.startsWith("4"));
      assertThat(accepted)
          .as("accepted under load (refused: %s)", refused)
          .hasSizeGreaterThanOrEqualTo(SESSIONS * MESSAGES * 9 / 10);
      assertThat(accepted.size() + refused.size()).isEqualTo(SESSIONS * MESSAGES);
      Map<String, Integer> seen = new HashMap<>();
      for (String user : USERS) {
        UserKey key = new UserKey(user, f.key(user));
        for (byte[] stored : f.mailbox(user)) {
          String token = readToken(f.folder, key, stored);
          seen.merge(token, 1, Integer::sum);
          assertThat(accepted.get(token)).as("recipient of %s", token).isEqualTo(user);
        }
        key.masterKey().destroy();
      }
      assertThat(seen.keySet()).isEqualTo(accepted.keySet());
      assertThat(seen.values()).allMatch(n -> n == 1);
    }
  }

  private static Void runSession(
      SmtpGatewayFixture f, int s, Map<String, String> accepted, Map<String, String> refused)
      throws Exception {
    String from = USERS.get(s % USERS.size());
    String to = USERS.get((s + 1) % USERS.size());
    Session session = f.client();
    try (Transport t = session.getTransport("smtp")) {
      t.connect(from, MailSystem.password(from));
      for (int i = 0; i < MESSAGES; i++) {
        String token = "token-" + s + "-" + i;
        byte[] bytes = TestMessages.plain(token, "From: " + from, "To: " + to);
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(bytes));
        try {
          t.sendMessage(m, new InternetAddress[] {new InternetAddress(to)});
          accepted.put(token, to);
        } catch (SMTPSendFailedException e) {
          refused.put(token, e.getReturnCode() + " " + e.getMessage());
        } catch (MessagingException e) {
          refused.put(token, "4xx connection: " + e.getMessage());
          return null;
        }
      }
    }
    return null;
  }

  private static String readToken(Path folder, UserKey key, byte[] stored) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Verdict v =
        MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, SeenKeyIds.NONE)
            .unwrap(
                new ByteArrayInputStream(stored),
                key.identity(),
                KdcTickets.opener(key, Clock.systemUTC()),
                out,
                Files.createDirectories(folder.resolve("unwrap")));
    assertThat(v.status()).isEqualTo(Verdict.Status.OK);
    Matcher m = TOKEN.matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(m.find()).isTrue();
    return m.group();
  }
}
