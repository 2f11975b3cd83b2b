package org.kdcmail.mime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
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
 * closing EFAIL's direct exfiltration); the plaintext is decrypted segment by segment into a
 * temporary file in the caller's spool directory and copied to {@code out} only after the last
 * segment and the reader's authenticator have verified, so nothing is written to {@code out} unless
 * the verdict {@link Verdict#isReleased() releases} it; the sender in the verdict is the one the
 * reader's pairwise key authenticates, so another recipient holding K_S cannot forge it. A copy
 * whose key id was already seen is still released, with status {@link Status#REPLAY}; the key id is
 * recorded only after full verification. Memory use does not depend on message size. The spool
 * directory must be private to the reading user: the plaintext sits there until the call returns.
 */
public final class MailUnwrapper {

  private final Clock clock;
  private final RevocationCheck revocation;
  private final SeenKeyIds seen;

  private MailUnwrapper(Clock clock, RevocationCheck revocation, SeenKeyIds seen) {
    this.clock = clock;
    this.revocation = revocation;
    this.seen = seen;
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
        Objects.requireNonNull(seen, "seen"));
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
    Path spool = Spool.create(spoolDir, "kdcmail-unwrap-", ".tmp");
    try {
      Reading r = new Reading(new ByteLineReader(wrapped), recipient, opener, spool);
      Verdict v = r.run();
      if (v.isReleased()) {
        Files.copy(spool, out);
      }
      return v;
    } finally {
      Files.deleteIfExists(spool);
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
    private final Path spool;
    private String boundary;

    Reading(ByteLineReader in, String recipient, TicketOpener opener, Path spool) {
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
      if (outer.count(Format.VERSION_HEADER) != 1
          || !outer.first(Format.VERSION_HEADER).orElseThrow().equals("" + Format.VERSION)) {
        throw new Rejected(Status.UNKNOWN_VERSION);
      }
      return outer.first("Message-ID").orElse("");
    }

    /** 0 = other line, 1 = delimiter, 2 = close delimiter. */
    private int delimiter(byte[] line) {
      int len = line.length;
      while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
        len--;
      }
      while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
        len--;
      }
      String s = new String(line, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (s.equals("--" + boundary)) {
        return 1;
      }
      return s.equals("--" + boundary + "--") ? 2 : 0;
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
      try (CopyCrypto crypto = new CopyCrypto(ks, env);
          OutputStream plain = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
        SegmentOpener segments = new SegmentOpener(crypto, env.segmentSizeBytes, plain);
        Base64Sink sink = new Base64Sink(64 * 1024);
        byte[] line;
        while ((line = in.readLine(Format.MAX_WRAPPED_LINE_BYTES)) != null) {
          int d = delimiter(line);
          if (d == 2) {
            segments.accept(sink.finish());
            return segments.finish();
          }
          if (d == 1) {
            break;
          }
          if (!sink.add(line)) {
            segments.accept(sink.drain());
            sink.add(line);
          }
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

  /** Collects base64 text (whitespace ignored) and decodes it strictly. */
  private static final class Base64Sink {
    private final byte[] chars;
    private int len;

    Base64Sink(int capacity) {
      this.chars = new byte[capacity];
    }

    /** Adds a line's characters; false (nothing added) if they do not fit. */
    boolean add(byte[] line) {
      int n = 0;
      for (byte b : line) {
        if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
          n++;
        }
      }
      if (len + n > chars.length) {
        return false;
      }
      for (byte b : line) {
        if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
          chars[len++] = b;
        }
      }
      return true;
    }

    /** Decodes the largest whole prefix of 4-character groups; keeps the rest. */
    byte[] drain() throws GeneralSecurityException {
      int whole = len - len % 4;
      byte[] out = decode(Arrays.copyOf(chars, whole));
      System.arraycopy(chars, whole, chars, 0, len - whole);
      len -= whole;
      return out;
    }

    byte[] finish() throws Rejected {
      try {
        return decode(Arrays.copyOf(chars, len));
      } catch (GeneralSecurityException e) {
        throw new Rejected(Status.INTEGRITY);
      }
    }

    private static byte[] decode(byte[] b) throws GeneralSecurityException {
      try {
        return Base64.getDecoder().decode(b);
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("decryption failed");
      }
    }
  }

  /** Splits decoded ciphertext into segments; the last one is known only at the end. */
  private static final class SegmentOpener {
    private final CopyCrypto crypto;
    private final byte[] segment;
    private final byte[] plain;
    private final OutputStream out;
    private final MessageDigest hash = Envelope.newSha256();
    private int filled;
    private long index;

    SegmentOpener(CopyCrypto crypto, int segmentSize, OutputStream out) {
      this.crypto = crypto;
      this.segment = new byte[segmentSize + Format.TAG_BYTES];
      this.plain = new byte[segmentSize];
      this.out = out;
    }

    void accept(byte[] data) throws GeneralSecurityException, IOException {
      hash.update(data);
      int off = 0;
      while (off < data.length) {
        if (filled == segment.length) {
          emit(false);
        }
        int n = Math.min(segment.length - filled, data.length - off);
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
