package org.kdcmail.gateway.smtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses in a message's From, To and Cc fields (every field of each name), lower case, read
 * from the header section (at most {@value #MAX_HEADER_BYTES} bytes, as in the mail format).
 * Addresses are parsed leniently; groups are expanded; a value that does not parse contributes
 * nothing.
 *
 * @param from addresses of every From field
 * @param toAndCc addresses of every To and Cc field: the recipients the message shows
 * @param messageId the first Message-ID field, or empty
 */
record MessageHeaders(List<String> from, Set<String> toAndCc, String messageId) {

  /** The largest header section read, as in docs/mail-format.md. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  /** The header section is larger than {@link #MAX_HEADER_BYTES}. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("the header section is larger than 1 MiB");
    }
  }

  MessageHeaders {
    from = List.copyOf(from);
    toAndCc = Set.copyOf(toAndCc);
  }

  /** Reads the header section from the start of {@code message}. */
  static MessageHeaders read(InputStream message) throws IOException {
    List<String> from = new ArrayList<>();
    Set<String> visible = new LinkedHashSet<>();
    String messageId = "";
    for (String field : fields(message)) {
      int colon = field.indexOf(':');
      String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = field.substring(colon + 1).strip();
      switch (name) {
        case "from" -> from.addAll(addresses(value));
        case "to", "cc" -> visible.addAll(addresses(value));
        case "message-id" -> messageId = messageId.isEmpty() ? value : messageId;
        default -> {
          // other fields do not matter here
        }
      }
    }
    return new MessageHeaders(from, visible, messageId);
  }

  /** The unfolded header fields, in order. */
  private static List<String> fields(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    int total = 0;
    while (true) {
      String line = readLine(in, MAX_HEADER_BYTES - total);
      if (line == null) {
        break;
      }
      total += line.length() + 2;
      String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      boolean continuation = !bare.isEmpty() && (bare.charAt(0) == ' ' || bare.charAt(0) == '\t');
      if (continuation && current != null) {
        current.append(' ').append(bare.strip());
        continue;
      }
      if (current != null) {
        out.add(current.toString());
        current = null;
      }
      if (bare.isEmpty() || bare.indexOf(':') <= 0) {
        break; // end of the header section
      }
      current = new StringBuilder(bare);
    }
    if (current != null) {
      out.add(current.toString());
    }
    return out;
  }

  /** One line without its LF (UTF-8), or null at the end of the stream. */
  private static String readLine(InputStream in, int budget) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() >= budget) {
        throw new TooLargeException();
      }
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static List<String> addresses(String value) {
    List<String> out = new ArrayList<>();
    try {
      for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
        if (a.isGroup()) {
          for (InternetAddress member : a.getGroup(false)) {
            add(out, member);
          }
        } else {
          add(out, a);
        }
      }
    } catch (AddressException e) {
      // an unparsable value names no one
    }
    return out;
  }

  private static void add(List<String> out, InternetAddress a) {
    String s = a.getAddress();
    if (s != null && s.indexOf('@') > 0) {
      out.add(s.toLowerCase(Locale.ROOT));
    }
  }
}
