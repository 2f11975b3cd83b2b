package org.kdcmail.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header section of a message, kept as the original bytes: a list of fields (each with its
 * continuation lines, line endings as found) and the line that ended the section (the empty line,
 * the first line that is not a header field, or nothing at EOF). Reading stops at {@link
 * Format#MAX_HEADER_BLOCK_BYTES}.
 */
public final class HeaderBlock {

  /** One header field: its name and its raw bytes, continuation lines included. */
  record Field(String name, byte[] raw) {

    /** The value: after the colon, line breaks removed, outer spaces trimmed (Latin-1). */
    String value() {
      String s = new String(raw, StandardCharsets.ISO_8859_1);
      s = s.substring(s.indexOf(':') + 1).replace("\r", "").replace("\n", "");
      return s.strip();
    }

    /** The field with CRLF line endings throughout. */
    byte[] withCrlf() {
      String s = new String(raw, StandardCharsets.ISO_8859_1).replace("\r", "");
      if (s.endsWith("\n")) {
        s = s.substring(0, s.length() - 1);
      }
      return (s.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private final List<Field> fields;
  private final byte[] terminator;

  private HeaderBlock(List<Field> fields, byte[] terminator) {
    this.fields = List.copyOf(fields);
    this.terminator = terminator;
  }

  /**
   * Reads the header section of a message from {@code in}, at most 1 MiB. The stream is read only
   * up to the end of the header section (one line past it when the section ends without an empty
   * line); use the returned block's {@link #isEmptyLineTerminated()} to tell.
   */
  public static HeaderBlock read(InputStream in) throws IOException {
    return read(new ByteLineReader(in), Format.MAX_HEADER_BLOCK_BYTES);
  }

  static HeaderBlock read(ByteLineReader in, int maxBytes) throws IOException {
    List<Field> fields = new ArrayList<>();
    ByteArrayOutputStream current = null;
    String currentName = null;
    int total = 0;
    while (true) {
      byte[] line = in.readLine(maxBytes - total + 1);
      if (line == null) {
        addField(fields, currentName, current);
        return new HeaderBlock(fields, new byte[0]);
      }
      total += line.length;
      if (total > maxBytes) {
        throw new ByteLineReader.LineTooLongException();
      }
      boolean continuation = line.length > 0 && (line[0] == ' ' || line[0] == '\t');
      if (continuation && current != null) {
        current.write(line, 0, line.length);
        continue;
      }
      String name = fieldName(line);
      addField(fields, currentName, current);
      if (name == null) {
        return new HeaderBlock(fields, line);
      }
      currentName = name;
      current = new ByteArrayOutputStream();
      current.write(line, 0, line.length);
    }
  }

  private static void addField(List<Field> fields, String name, ByteArrayOutputStream raw) {
    if (name != null) {
      fields.add(new Field(name, raw.toByteArray()));
    }
  }

  /** The field name if the line starts a header field (RFC 5322 ftext then a colon), else null. */
  private static String fieldName(byte[] line) {
    for (int i = 0; i < line.length; i++) {
      int b = line[i] & 0xff;
      if (b == ':') {
        return i == 0 ? null : new String(line, 0, i, StandardCharsets.US_ASCII);
      }
      if (b < 33 || b > 126) {
        return null;
      }
    }
    return null;
  }

  List<Field> fields() {
    return fields;
  }

  /** The line that ended the section (empty at EOF). */
  byte[] terminator() {
    return terminator.clone();
  }

  /** True if the section ended with an empty line (CRLF or LF), as RFC 5322 requires. */
  public boolean isEmptyLineTerminated() {
    String t = new String(terminator, StandardCharsets.ISO_8859_1);
    return t.equals("\r\n") || t.equals("\n");
  }

  /** Every field with this name (case-insensitive), in order. */
  List<Field> all(String name) {
    List<Field> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The value of the first field with this name. */
  public Optional<String> first(String name) {
    List<Field> all = all(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).value());
  }

  /** How many fields have this name. */
  public int count(String name) {
    return all(name).size();
  }

  /** True if this header section is the top level of a kdcmail message (either marker present). */
  public boolean isKdcmail() {
    if (count(Format.VERSION_HEADER) > 0) {
      return true;
    }
    for (Field f : all("Content-Type")) {
      ContentType ct = ContentType.parse(f.value());
      if (ct.is("multipart/encrypted")
          && Format.PROTOCOL.equalsIgnoreCase(ct.parameter("protocol").orElse(""))) {
        return true;
      }
    }
    return false;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
