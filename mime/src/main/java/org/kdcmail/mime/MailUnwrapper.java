package org.kdcmail.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.kdcmail.mime.Verdict.Status;

/**
 * Reads one kdcmail copy back into the original message (docs/mail-format.md, version 1).
 *
 * <p>Guarantees: only a message whose <em>top level</em> is {@code multipart/encrypted} with the
 * kdcmail protocol is read (an envelope nested in another message is {@link Status#NOT_KDCMAIL},
 * closing EFAIL's direct exfiltration); the plaintext is decrypted segment by segment and held on
 * the heap (≤ 2 MiB) or in a temporary file in the caller's spool directory, sealed under a
 * throwaway in-memory key ({@link SpillBuffer}), and copied to {@code out} only after the last
 * segment and the reader's authenticator have verified, so nothing is written to {@code out} unless
 * the verdict {@link Verdict#isReleased() releases} it; the sender in the verdict is the one the
 * reader's pairwise key authenticates, so another recipient holding K_S cannot forge it. A copy
 * whose key id was already seen is still released, with status {@link Status#REPLAY}; the key id is
 * recorded only after full verification. Memory use does not depend on message size. The spool file
 * holds only ciphertext under a key that never leaves this process, and is deleted before the call
 * returns.
 */
public final class MailUnwrapper {

  /**
   * Plaintexts up to this size stay on the heap while the shared {@link SpoolMemory} budget (an
   * eighth of the heap, for all messages at once) has room; beyond that they are spooled to disk,
   * sealed under a throwaway key (see {@link SpillBuffer}).
   */
  static final int IN_MEMORY_LIMIT_BYTES = 64 << 20;

  /** Hook for tests: called with the spool after the last segment, before release. */
  static volatile java.util.function.Consumer<SpillBuffer> beforeRelease = s -> {};

  private final Clock clock;
  private final RevocationCheck revocation;
  private final SeenKeyIds seen;
  private final int memoryLimit;

  private MailUnwrapper(Clock clock, RevocationCheck revocation, SeenKeyIds seen, int memoryLimit) {
    this.clock = clock;
    this.revocation = revocation;
    this.seen = seen;
    this.memoryLimit = memoryLimit;
  }

  /**
   * An unwrapper.
   *
   * @param clock checks ticket expiry
   * @param revocation checks the key id; {@link RevocationCheck#NONE} for none
   * @param seen the replay cache; {@link SeenKeyIds#NONE} for none
   */
  public static MailUnwrapper create(Clock clock, RevocationCheck revocation, SeenKeyIds seen) {
    return new MailUnwrapper(
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(revocation, "revocation"),
        Objects.requireNonNull(seen, "seen"),
        IN_MEMORY_LIMIT_BYTES);
  }

  /** This unwrapper with another per-message heap limit for the plaintext (tests). */
  MailUnwrapper withMemoryLimit(int bytes) {
    return new MailUnwrapper(clock, revocation, seen, bytes);
  }

  /**
   * Reads {@code wrapped} for {@code recipient} and, if the verdict releases it, writes exactly the
   * original message to {@code out}. Never throws for malformed or hostile input: that is a
   * verdict.
   *
   * @throws IOException only if reading {@code wrapped}, the spool file or writing {@code out}
   *     fails
   */
  public Verdict unwrap(
      InputStream wrapped, String recipient, TicketOpener opener, OutputStream out, Path spoolDir)
      throws IOException {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(out, "out");
    try (SpillBuffer spool = new SpillBuffer(spoolDir, "kdcmail-unwrap-", memoryLimit, true)) {
      Reading r = new Reading(new ByteLineReader(wrapped), recipient, opener, spool);
      Verdict v = r.run();
      if (v.isReleased()) {
        spool.drainTo(out::write);
      }
      return v;
    }
  }

  /** A verdict short of release, raised anywhere inside one reading. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final Status status;

    Rejected(Status status) {
      super(status.name(), null, false, false);
      this.status = status;
    }
  }

  /** The state of one reading. */
  private final class Reading {
    private final ByteLineReader in;
    private final String recipient;
    private final TicketOpener opener;
    private final SpillBuffer spool;
    private String boundary;
    private byte[] delimiterBytes;

    Reading(ByteLineReader in, String recipient, TicketOpener opener, SpillBuffer spool) {
      this.in = in;
      this.recipient = recipient;
      this.opener = opener;
      this.spool = spool;
    }

    Verdict run() throws IOException {
      try {
        return read();
      } catch (Rejected e) {
        return Verdict.rejected(e.status);
      } catch (ByteLineReader.LineTooLongException e) {
        return Verdict.rejected(Status.INTEGRITY);
      }
    }

    private Verdict read() throws IOException, Rejected {
      HeaderBlock outer = HeaderBlock.read(in, Format.MAX_HEADER_BLOCK_BYTES);
      String messageId = checkOuter(outer);
      skipTo(false, 64 * 1024);
      partHeaders(Format.PROTOCOL);
      Envelope.Decoded decoded = decodeEnvelope(readEnvelopeBase64());
      Envelope env = decoded.envelope();
      int index = entryFor(env);
      OpenedTicket ticket = openTicket(env, index);
      try {
        checkTicket(env, ticket);
        partHeaders("application/octet-stream");
        byte[] ctHash = decrypt(env, ticket);
        verifyAuthenticator(env, ticket, index, messageId, ctHash, decoded);
        boolean first = seen.markSeen(env.keyId, Addresses.normalize(recipient));
        return Verdict.released(
            first ? Status.OK : Status.REPLAY, env.sender, env.keyId, ticket.issuedAt());
      } finally {
        ticket.destroy();
      }
    }

    private String checkOuter(HeaderBlock outer) throws Rejected {
      if (!outer.isEmptyLineTerminated() || outer.count("Content-Type") != 1) {
        throw new Rejected(Status.NOT_KDCMAIL);
      }
      ContentType ct = ContentType.parse(outer.first("Content-Type").orElseThrow());
      if (!ct.is("multipart/encrypted")
          || !Format.PROTOCOL.equalsIgnoreCase(ct.parameter("protocol").orElse(""))) {
        throw new Rejected(Status.NOT_KDCMAIL);
      }
      boundary = ct.parameter("boundary").orElse("");
      if (boundary.isEmpty() || boundary.length() > 70) {
        throw new Rejected(Status.INTEGRITY);
      }
      delimiterBytes = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      if (outer.count(Format.VERSION_HEADER) != 1
          || !outer.first(Format.VERSION_HEADER).orElseThrow().equals("" + Format.VERSION)) {
        throw new Rejected(Status.UNKNOWN_VERSION);
      }
      return outer.first("Message-ID").orElse("");
    }

    /** 0 = other line, 1 = delimiter, 2 = close delimiter. */
    private int delimiter(byte[] line) {
      return delimiter(line, 0, line.length);
    }

    private int delimiter(byte[] b, int off, int len) {
      if (len < 2 || b[off] != '-' || b[off + 1] != '-') {
        return 0;
      }
      while (len > 0 && (b[off + len - 1] == '\n' || b[off + len - 1] == '\r')) {
        len--;
      }
      while (len > 0 && (b[off + len - 1] == ' ' || b[off + len - 1] == '\t')) {
        len--;
      }
      int d = delimiterBytes.length;
      if (len < d || !Arrays.equals(b, off, off + d, delimiterBytes, 0, d)) {
        return 0;
      }
      if (len == d) {
        return 1;
      }
      return len == d + 2 && b[off + d] == '-' && b[off + d + 1] == '-' ? 2 : 0;
    }

    /** Skips lines up to the next delimiter; a close delimiter or EOF is a rejection. */
    private void skipTo(boolean close, int maxBytes) throws IOException, Rejected {
      int total = 0;
      byte[] line;
      while ((line = in.readLine(Format.MAX_WRAPPED_LINE_BYTES)) != null) {
        total += line.length;
        int d = delimiter(line);
        if (d == 1 && !close) {
          return;
        }
        if (d != 0 || total > maxBytes) {
          break;
        }
      }
      throw new Rejected(Status.INTEGRITY);
    }

    private void partHeaders(String type) throws IOException, Rejected {
      HeaderBlock h = HeaderBlock.read(in, 16 * 1024);
      if (!h.isEmptyLineTerminated()
          || h.count("Content-Type") != 1
          || h.count("Content-Transfer-Encoding") != 1
          || !ContentType.parse(h.first("Content-Type").orElseThrow()).is(type)
          || !h.first("Content-Transfer-Encoding").orElseThrow().equalsIgnoreCase("base64")) {
        throw new Rejected(Status.INTEGRITY);
      }
    }

    private byte[] readEnvelopeBase64() throws IOException, Rejected {
      Base64Sink sink = new Base64Sink(Format.MAX_ENVELOPE_BYTES / 3 * 4);
      byte[] line;
      while ((line = in.readLine(Format.MAX_WRAPPED_LINE_BYTES)) != null) {
        int d = delimiter(line);
        if (d == 1) {
          return sink.finish();
        }
        if (d == 2 || !sink.add(line)) {
          break;
        }
      }
      throw new Rejected(Status.INTEGRITY);
    }

    private Envelope.Decoded decodeEnvelope(byte[] bytes) throws Rejected {
      try {
        return Envelope.decode(bytes);
      } catch (Envelope.FormatException e) {
        throw new Rejected(e.unknownVersion ? Status.UNKNOWN_VERSION : Status.INTEGRITY);
      }
    }

    private int entryFor(Envelope env) throws Rejected {
      for (int i = 0; i < env.entries.size(); i++) {
        if (Addresses.same(env.entries.get(i).recipient(), recipient)) {
          return i;
        }
      }
      throw new Rejected(Status.NOT_ADDRESSED_TO_YOU);
    }

    private OpenedTicket openTicket(Envelope env, int index) throws Rejected {
      try {
        return Objects.requireNonNull(opener.open(env.entries.get(index).ticket(), recipient));
      } catch (GeneralSecurityException e) {
        throw new Rejected(Status.INTEGRITY);
      }
    }

    private void checkTicket(Envelope env, OpenedTicket t) throws Rejected {
      boolean matches =
          t.keyId().equals(env.keyId)
              && Addresses.same(t.sender(), env.sender)
              && t.recipients().stream().anyMatch(r -> Addresses.same(r, recipient))
              && env.entries.stream()
                  .allMatch(
                      e -> t.recipients().stream().anyMatch(r -> Addresses.same(r, e.recipient())));
      if (!matches) {
        throw new Rejected(Status.INTEGRITY);
      }
      if (revocation.isRevoked(env.keyId)) {
        throw new Rejected(Status.KEY_REVOKED);
      }
      if (clock.instant().isAfter(t.notAfter())) {
        throw new Rejected(Status.TICKET_EXPIRED);
      }
    }

    private byte[] decrypt(Envelope env, OpenedTicket t) throws IOException, Rejected {
      byte[] ks = t.sessionKey().copyBytes();
      try (CopyCrypto crypto = new CopyCrypto(ks, env)) {
        SegmentOpener segments = new SegmentOpener(crypto, env.segmentSizeBytes, spool);
        Base64Chunks chunks = new Base64Chunks(segments);
        int len;
        while ((len = in.nextLine(Format.MAX_WRAPPED_LINE_BYTES)) >= 0) {
          byte[] b = in.buffer();
          int off = in.lineStart();
          int d = delimiter(b, off, len);
          if (d == 2) {
            chunks.finish();
            byte[] hash = segments.finish();
            spool.finish();
            beforeRelease.accept(spool);
            return hash;
          }
          if (d == 1) {
            break;
          }
          chunks.addLine(b, off, len);
        }
        throw new Rejected(Status.INTEGRITY);
      } catch (GeneralSecurityException e) {
        throw new Rejected(Status.INTEGRITY);
      } finally {
        Arrays.fill(ks, (byte) 0);
      }
    }

    private void verifyAuthenticator(
        Envelope env,
        OpenedTicket t,
        int index,
        String messageId,
        byte[] ctHash,
        Envelope.Decoded decoded)
        throws Rejected {
      byte[] kab = t.pairwiseKey().copyBytes();
      try {
        byte[] expected =
            CopyCrypto.authenticator(
                kab, env, env.entries.get(index).recipient(), messageId, ctHash);
        if (!MessageDigest.isEqual(expected, decoded.authenticators().get(index))) {
          throw new Rejected(Status.INTEGRITY);
        }
      } catch (java.security.InvalidKeyException e) {
        throw new Rejected(Status.INTEGRITY);
      } finally {
        Arrays.fill(kab, (byte) 0);
      }
    }
  }

  /** Collects the envelope's base64 text (whitespace ignored), growing up to a cap. */
  private static final class Base64Sink {
    private final int capacity;
    private byte[] chars = new byte[4096];
    private int len;

    Base64Sink(int capacity) {
      this.capacity = capacity;
    }

    /** Adds a line's characters; false if the cap is exceeded. */
    boolean add(byte[] line) {
      for (byte b : line) {
        if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
          if (len == chars.length) {
            if (len == capacity) {
              return false;
            }
            chars = Arrays.copyOf(chars, (int) Math.min(capacity, 2L * len));
          }
          chars[len++] = b;
        }
      }
      return true;
    }

    byte[] finish() throws Rejected {
      try {
        return Base64.getDecoder().decode(Arrays.copyOf(chars, len));
      } catch (IllegalArgumentException e) {
        throw new Rejected(Status.INTEGRITY);
      }
    }
  }

  /**
   * Collects base64 text (CR, LF, space and tab ignored) into a fixed block and decodes it strictly
   * in large chunks, without allocating per line or per chunk. Padding may only end the text.
   */
  private static final class Base64Chunks {
    /** 4 × 21,846 characters: decodes to 65,538 bytes. */
    private static final int BLOCK = 4 * 21846;

    private final Base64.Decoder decoder = Base64.getDecoder();
    private final byte[] chars = new byte[BLOCK];
    private final byte[] decoded = new byte[BLOCK / 4 * 3];
    private final SegmentOpener sink;
    private int len;

    Base64Chunks(SegmentOpener sink) {
      this.sink = sink;
    }

    void addLine(byte[] b, int off, int n) throws GeneralSecurityException, IOException {
      int end = off + n;
      while (end > off && isSpace(b[end - 1])) {
        end--;
      }
      int i = off;
      while (i < end) {
        int start = i;
        while (i < end && !isSpace(b[i])) {
          i++;
        }
        int run = i - start;
        while (run > 0) {
          int k = Math.min(run, BLOCK - len);
          System.arraycopy(b, start, chars, len, k);
          len += k;
          start += k;
          run -= k;
          if (len == BLOCK) {
            flushBlock();
          }
        }
        while (i < end && isSpace(b[i])) {
          i++;
        }
      }
    }

    private static boolean isSpace(byte c) {
      return c == '\r' || c == '\n' || c == ' ' || c == '\t';
    }

    private void flushBlock() throws GeneralSecurityException, IOException {
      if (chars[BLOCK - 1] == '=') {
        throw new GeneralSecurityException("decryption failed"); // padding before the end
      }
      int n;
      try {
        n = decoder.decode(chars, decoded);
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("decryption failed");
      }
      len = 0;
      sink.accept(decoded, 0, n);
    }

    void finish() throws GeneralSecurityException, IOException {
      byte[] rest;
      try {
        rest = decoder.decode(Arrays.copyOf(chars, len));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("decryption failed");
      }
      sink.accept(rest, 0, rest.length);
    }
  }

  /** Splits decoded ciphertext into segments; the last one is known only at the end. */
  private static final class SegmentOpener {
    private final CopyCrypto crypto;
    private final byte[] segment;
    private final byte[] plain;
    private final SpillBuffer out;
    private final MessageDigest hash = Envelope.newSha256();
    private int filled;
    private long index;

    SegmentOpener(CopyCrypto crypto, int segmentSize, SpillBuffer out) {
      this.crypto = crypto;
      this.segment = new byte[segmentSize + Format.TAG_BYTES];
      this.plain = new byte[segmentSize];
      this.out = out;
    }

    void accept(byte[] data, int off, int len) throws GeneralSecurityException, IOException {
      hash.update(data, off, len);
      int end = off + len;
      while (off < end) {
        if (filled == segment.length) {
          emit(false);
        }
        int n = Math.min(segment.length - filled, end - off);
        System.arraycopy(data, off, segment, filled, n);
        filled += n;
        off += n;
      }
    }

    private void emit(boolean last) throws GeneralSecurityException, IOException {
      int n = crypto.open(index++, last, segment, filled, plain);
      out.write(plain, 0, n);
      filled = 0;
    }

    /** Opens the last segment; returns SHA-256 of the whole ciphertext. */
    byte[] finish() throws GeneralSecurityException, IOException {
      emit(true);
      Arrays.fill(plain, (byte) 0);
      return hash.digest();
    }
  }
}
