package org.kdcmail.it.gateway;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

/** Messages for the gateway tests, as the exact bytes a client submits. */
public final class TestMessages {
  public static final String SUBJECT = "Quarterly numbers 7f3a";
  public static final String BODY = "The secret body text 9b1c";
  public static final String ATTACHMENT = "plans-4d2e.pdf";

  private TestMessages() {}

  /**
   * A multipart message with {@link #SUBJECT}, {@link #BODY} and an attachment named {@link
   * #ATTACHMENT}.
   */
  public static byte[] withAttachment(String from, String to) throws Exception {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(from);
    m.setRecipients(MimeMessage.RecipientType.TO, to);
    m.setSubject(SUBJECT);
    MimeBodyPart text = new MimeBodyPart();
    text.setText(BODY, "utf-8");
    MimeBodyPart file = new MimeBodyPart();
    file.setContent(new byte[] {1, 2, 3, 4}, "application/pdf");
    file.setFileName(ATTACHMENT);
    m.setContent(new MimeMultipart(text, file));
    m.saveChanges();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    m.writeTo(b);
    return b.toByteArray();
  }

  /** A plain text message with the given header fields (each a full line without CRLF). */
  public static byte[] plain(String body, String... headers) {
    StringBuilder s = new StringBuilder();
    for (String h : headers) {
      s.append(h).append("\r\n");
    }
    s.append("Message-ID: <").append(UUID.randomUUID()).append("@example.test>\r\n");
    s.append("Subject: ").append(SUBJECT).append("\r\n");
    s.append("Date: Sat, 21 Nov 2026 10:00:00 +0000\r\n");
    s.append("\r\n").append(body).append("\r\n");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
