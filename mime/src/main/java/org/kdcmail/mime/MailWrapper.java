package org.kdcmail.mime;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Wraps one RFC 5322 message into one kdcmail copy (docs/mail-format.md, version 1).
 *
 * <p>Guarantees: the whole original message, every header included, is the plaintext, except that
 * {@code Bcc} fields are removed (so a visible recipient never learns a Bcc recipient); only From,
 * To, Cc (as bare addresses, no display names), Date and Message-ID are copied outside, and the
 * outer Subject is the placeholder; each copy uses a fresh 32-byte salt, so copies and retries
 * never share a key and nonce; memory use does not depend on the message size (the header section
 * is capped at 1 MiB; the body streams segment by segment and the ciphertext is spooled to {@link
 * WrapOptions#spoolDir()} while the authenticators are computed). K_S, the copy key and every K_AB
 * are destroyed when the call returns, whether it succeeds or not.
 *
 * <p>Bcc: the gateway wraps one copy for all To/Cc recipients and one separate copy per Bcc
 * recipient whose {@link SessionMaterial} names only that recipient.
 */
public final class MailWrapper {

  /**
   * Encoded ciphertexts up to this size stay on the heap while the shared {@link SpoolMemory}
   * budget (an eighth of the heap, for all messages at once) has room; beyond that they go to the
   * spool directory.
   */
  static final int IN_MEMORY_LIMIT_BYTES = 64 << 20;

  private static final Set<String> ROUTING = Set.of("from", "to", "cc", "date", "message-id");

  private MailWrapper() {}

  /**
   * Reads the message from {@code original} and writes the wrapped copy to {@code out}. Closes
   * neither stream.
   *
   * @throws AlreadyEncryptedException if the message already is a kdcmail message
   * @throws IOException on I/O failure or a header section over 1 MiB
   */
  public static void wrap(
      InputStream original, OutputStream out, SessionMaterial material, WrapOptions options)
      throws IOException {
    try {
      ByteLineReader in = new ByteLineReader(original);
      HeaderBlock headers = HeaderBlock.read(in, Format.MAX_HEADER_BLOCK_BYTES);
      if (headers.isKdcmail()) {
        throw new AlreadyEncryptedException();
      }
      writeCopy(in, headers, out, material, options);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's AES-GCM or HMAC-SHA256 is unusable", e);
    } finally {
      material.destroy();
    }
  }

  private static void writeCopy(
      ByteLineReader in,
      HeaderBlock headers,
      OutputStream out,
      SessionMaterial material,
      WrapOptions options)
      throws IOException, GeneralSecurityException {
    byte[] salt = random(options, Format.SALT_BYTES);
    byte[] prefix = random(options, Format.NONCE_PREFIX_BYTES);
    String boundary = "kdcmail-" + HexFormat.of().formatHex(random(options, 16));
    Envelope envelope = envelope(material, options, salt, prefix);
    String messageId = headers.first("Message-ID").orElse("");
    try (SpillBuffer spool =
        new SpillBuffer(options.spoolDir(), "kdcmail-wrap-", IN_MEMORY_LIMIT_BYTES, false)) {
      byte[] ctHash;
      byte[] ks = material.sessionKey().copyBytes();
      try (CopyCrypto crypto = new CopyCrypto(ks, envelope)) {
        ctHash = encrypt(in, plaintextHeader(headers), crypto, options.segmentSizeBytes(), spool);
      } finally {
        Arrays.fill(ks, (byte) 0);
      }
      spool.finish();
      List<byte[]> auths = new ArrayList<>();
      for (RecipientGrant g : material.grants()) {
        byte[] kab = g.pairwiseKey().copyBytes();
        try {
          auths.add(CopyCrypto.authenticator(kab, envelope, g.recipient(), messageId, ctHash));
        } finally {
          Arrays.fill(kab, (byte) 0);
        }
      }
      writeMime(out, headers, options, boundary, envelope.encode(auths), spool);
    }
  }

  private static Envelope envelope(
      SessionMaterial m, WrapOptions options, byte[] salt, byte[] prefix) {
    List<Envelope.Entry> entries = new ArrayList<>();
    for (RecipientGrant g : m.grants()) {
      entries.add(new Envelope.Entry(g.recipient(), g.ticket(), g.keyConfirmation()));
    }
    return new Envelope(
        m.keyId(), m.sender(), m.kdcId(), options.segmentSizeBytes(), salt, prefix, entries);
  }

  private static byte[] random(WrapOptions options, int n) {
    byte[] b = new byte[n];
    options.random().nextBytes(b);
    return b;
  }

  /** The header section as it goes into the plaintext: every field but Bcc, then the terminator. */
  private static byte[] plaintextHeader(HeaderBlock headers) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (HeaderBlock.Field f : headers.fields()) {
      if (!f.name().equalsIgnoreCase("Bcc")) {
        b.writeBytes(f.raw());
      }
    }
    b.writeBytes(headers.terminator());
    return b.toByteArray();
  }

  /**
   * Encrypts header bytes then the rest of {@code in}, writing the ciphertext to {@code spool}
   * already in MIME base64 lines; returns SHA-256 of the ciphertext. A message of more than one
   * segment is hashed on a second thread while this one seals and encodes the next segments.
   */
  private static byte[] encrypt(
      ByteLineReader in, byte[] head, CopyCrypto crypto, int segmentSize, SpillBuffer spool)
      throws IOException, GeneralSecurityException {
    Base64Lines b64 = new Base64Lines(new SpoolStream(spool));
    byte[] buf = new byte[segmentSize + 1];
    int sealedSize = segmentSize + Format.TAG_BYTES;
    int headPos = 0;
    int filled = 0;
    long segment = 0;
    BackgroundSha256 hasher = null;
    try {
      while (true) {
        int fromHead = Math.min(head.length - headPos, buf.length - filled);
        System.arraycopy(head, headPos, buf, filled, fromHead);
        headPos += fromHead;
        filled += fromHead;
        filled += in.readFully(buf, filled, buf.length - filled);
        boolean last = filled <= segmentSize;
        int len = last ? filled : segmentSize;
        if (last && hasher == null) { // the whole message is one segment: no second thread
          byte[] sealed = new byte[sealedSize];
          int n = crypto.seal(segment, true, buf, len, sealed);
          b64.write(sealed, 0, n);
          b64.finish();
          Arrays.fill(buf, (byte) 0);
          MessageDigest hash = Envelope.newSha256();
          hash.update(sealed, 0, n);
          return hash.digest();
        }
        if (hasher == null) {
          hasher = new BackgroundSha256(sealedSize);
        }
        byte[] sealed = hasher.buffer();
        int n = crypto.seal(segment++, last, buf, len, sealed);
        b64.write(sealed, 0, n);
        hasher.update(sealed, n);
        if (last) {
          Arrays.fill(buf, (byte) 0);
          b64.finish();
          return hasher.digest();
        }
        buf[0] = buf[segmentSize];
        filled = 1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while wrapping");
    } finally {
      if (hasher != null) {
        hasher.close();
      }
    }
  }

  private static void writeMime(
      OutputStream rawOut,
      HeaderBlock headers,
      WrapOptions options,
      String boundary,
      byte[] envelope,
      SpillBuffer spool)
      throws IOException {
    OutputStream out = new BufferedOutputStream(new NonClosing(rawOut), 1 << 16);
    out.write(outerHeaders(headers));
    ascii(out, "Subject: " + options.subjectPlaceholder() + "\r\n");
    ascii(out, "MIME-Version: 1.0\r\n");
    ascii(out, Format.VERSION_HEADER + ": " + Format.VERSION + "\r\n");
    ascii(out, "Content-Type: multipart/encrypted; protocol=\"" + Format.PROTOCOL + "\";\r\n");
    ascii(out, " boundary=\"" + boundary + "\"\r\n\r\n");
    ascii(out, Format.PREAMBLE + "\r\n\r\n");
    ascii(out, "--" + boundary + "\r\n");
    ascii(out, "Content-Type: " + Format.PROTOCOL + "\r\n");
    ascii(out, "Content-Transfer-Encoding: base64\r\n\r\n");
    Base64Lines b64 = new Base64Lines(out);
    b64.write(envelope, 0, envelope.length);
    b64.finish();
    ascii(out, "--" + boundary + "\r\n");
    ascii(out, "Content-Type: application/octet-stream\r\n");
    ascii(out, "Content-Transfer-Encoding: base64\r\n\r\n");
    spool.drainTo(out::write); // already base64 lines
    out.write(Format.ascii("--" + boundary + "--\r\n"));
    out.flush();
  }

  /**
   * The outer routing fields: From (first field), To and Cc (every field, merged) reduced to bare
   * addresses; Date and Message-ID (first field) as they are, line ends made CRLF.
   */
  static byte[] outerHeaders(HeaderBlock headers) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (String name : List.of("From", "To", "Cc")) {
      List<HeaderBlock.Field> all = headers.all(name);
      if (all.isEmpty()) {
        continue;
      }
      List<String> addrs = new ArrayList<>();
      for (HeaderBlock.Field f : name.equals("From") ? all.subList(0, 1) : all) {
        addrs.addAll(AddressList.bareAddresses(f.value()));
      }
      if (addrs.isEmpty()) {
        if (name.equals("To")) {
          b.writeBytes(Format.ascii("To: undisclosed-recipients:;\r\n"));
        }
        continue;
      }
      StringBuilder line = new StringBuilder(name).append(": ");
      int lineStart = 0;
      for (int i = 0; i < addrs.size(); i++) {
        String a = addrs.get(i);
        if (i > 0) {
          line.append(',');
          if (line.length() - lineStart + 1 + a.length() > 76) {
            line.append("\r\n");
            lineStart = line.length();
          }
          line.append(' ');
        }
        line.append(a);
      }
      line.append("\r\n");
      b.writeBytes(line.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
    for (String name : List.of("Date", "Message-ID")) {
      List<HeaderBlock.Field> all = headers.all(name);
      if (!all.isEmpty()) {
        b.writeBytes(all.get(0).withCrlf());
      }
    }
    return b.toByteArray();
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * MIME base64 with 76-character lines, each ending CRLF (the last one too, if any), encoded in
   * blocks of 1,024 lines by one {@code Base64.Encoder} call and written in one piece.
   */
  private static final class Base64Lines {
    private static final int LINES = 1024;
    private static final int IN = 57 * LINES;
    private final Base64.Encoder enc = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
    private final OutputStream out;
    private final byte[] in = new byte[IN];
    private final byte[] text = new byte[78 * LINES];
    private int len;

    Base64Lines(OutputStream out) {
      this.out = out;
    }

    void write(byte[] b, int off, int n) throws IOException {
      if (len == 0) {
        while (n >= IN) { // whole blocks straight from the caller's array when it is one block
          if (off == 0 && b.length == IN) {
            emit(b);
          } else {
            System.arraycopy(b, off, in, 0, IN);
            emit(in);
          }
          off += IN;
          n -= IN;
        }
      }
      while (n > 0) {
        int k = Math.min(n, IN - len);
        System.arraycopy(b, off, in, len, k);
        len += k;
        off += k;
        n -= k;
        if (len == IN) {
          emit(in);
          len = 0;
        }
      }
    }

    private void emit(byte[] block) throws IOException {
      int n = enc.encode(block, text);
      text[n] = '\r';
      text[n + 1] = '\n';
      out.write(text, 0, n + 2);
    }

    void finish() throws IOException {
      if (len > 0) {
        int n = enc.encode(Arrays.copyOf(in, len), text);
        text[n] = '\r';
        text[n + 1] = '\n';
        out.write(text, 0, n + 2);
        len = 0;
      }
      out.flush();
    }
  }

  /** The spool as an output stream for the base64 encoder. */
  private static final class SpoolStream extends OutputStream {
    private final SpillBuffer spool;

    SpoolStream(SpillBuffer spool) {
      this.spool = spool;
    }

    @Override
    public void write(int b) throws IOException {
      spool.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      spool.write(b, off, len);
    }
  }

  /** Keeps the buffered writer from closing the caller's stream. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
