package org.kdcmail.bench.gateway;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Properties;
import org.kdcmail.gateway.smtp.NoDelaySocketFactory;

/**
 * What a mail client does to fetch a mailbox with Jakarta Mail (Angus) POP3: connect, USER/PASS,
 * open the inbox (STAT), RETR every message, QUIT without deleting. One call is one whole session,
 * because the gateway prepares (fetches and decrypts) messages per session and re-reading a message
 * in the same session would only measure its cache.
 */
final class Pop3Session {
  private final Session session;
  private final InetSocketAddress at;
  private final EnrolledUser user;

  Pop3Session(InetSocketAddress at, EnrolledUser user) {
    Properties p = new Properties();
    p.put("mail.pop3.connectiontimeout", "10000");
    p.put("mail.pop3.timeout", "120000");
    p.put("mail.pop3.socketFactory", new NoDelaySocketFactory());
    this.session = Session.getInstance(p);
    this.at = at;
    this.user = user;
  }

  /** Retrieves every message; returns the outcome (count, bytes, first message's head). */
  Retrieved retrieveAll() throws MessagingException, IOException {
    Store store = session.getStore("pop3");
    store.connect(at.getHostString(), at.getPort(), user.address(), user.password());
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        int count = inbox.getMessageCount();
        Counting sink = new Counting();
        String firstStatus = "";
        for (int i = 1; i <= count; i++) {
          Message m = inbox.getMessage(i);
          m.writeTo(sink);
          if (i == 1) {
            String[] status = m.getHeader("X-Kdcmail-Status");
            firstStatus = status == null ? "" : status[0];
          }
        }
        return new Retrieved(count, sink.bytes, firstStatus);
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }

  /**
   * One session's outcome.
   *
   * @param firstStatus the first message's X-Kdcmail-Status field, empty when it has none
   */
  record Retrieved(int messages, long bytes, String firstStatus) {}

  private static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
