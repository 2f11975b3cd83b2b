package org.kdcmail.kdc.protocol.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Strict writer and reader for session messages: {@code u8}, {@code u16}, {@code u64} big-endian;
 * identities as {@code u16 len ‖ UTF-8}; key ids as {@code u8 len ‖ bytes}; times as {@code u64}
 * milliseconds since the epoch. Every read is bounds-checked; {@link Reader#finish()} rejects
 * trailing bytes.
 */
final class SessionWire {

  private SessionWire() {}

  /** UTF-8 of a valid identity (1..320 bytes); programmer error otherwise. */
  static byte[] identityBytes(String identity) {
    Objects.requireNonNull(identity, "identity");
    byte[] b = identity.getBytes(StandardCharsets.UTF_8);
    if (b.length < 1 || b.length > SessionProtocol.MAX_IDENTITY_BYTES) {
      throw new IllegalArgumentException(
          "an identity is 1.." + SessionProtocol.MAX_IDENTITY_BYTES + " UTF-8 bytes");
    }
    return b;
  }

  /** Validates a recipient list: 1..100 valid identities, no duplicates; an immutable copy. */
  static List<String> recipients(List<String> recipients) {
    Objects.requireNonNull(recipients, "recipients");
    if (recipients.isEmpty() || recipients.size() > SessionProtocol.MAX_RECIPIENTS) {
      throw new IllegalArgumentException(
          "a request names 1.." + SessionProtocol.MAX_RECIPIENTS + " recipients");
    }
    recipients.forEach(SessionWire::identityBytes);
    if (new HashSet<>(recipients).size() != recipients.size()) {
      throw new IllegalArgumentException("duplicate recipient");
    }
    return List.copyOf(recipients);
  }

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer() {}

    Writer(SessionMessageType type) {
      out.write(SessionProtocol.VERSION);
      out.write(type.code());
    }

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer u16(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Writer u32(int v) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
      return this;
    }

    Writer time(Instant t) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(t.toEpochMilli()).array());
      return this;
    }

    Writer bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Writer identity(String id) {
      byte[] b = identityBytes(id);
      return u16(b.length).bytes(b);
    }

    Writer identities(List<String> ids) {
      u16(ids.size());
      ids.forEach(this::identity);
      return this;
    }

    Writer keyId(SessionKeyId id) {
      return u8(id.raw().length).bytes(id.raw());
    }

    Writer blob(byte[] b) {
      return u32(b.length).bytes(b);
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  static final class Reader {
    private final byte[] in;
    private int pos;

    /** Reads a body without header. */
    Reader(byte[] in) throws SessionException {
      if (in == null) {
        throw SessionException.malformed();
      }
      this.in = in;
    }

    /** Checks version and type. */
    Reader(byte[] in, SessionMessageType type) throws SessionException {
      this(in);
      if (in.length < 2 || in[0] != SessionProtocol.VERSION || in[1] != type.code()) {
        throw SessionException.malformed();
      }
      pos = 2;
    }

    int u8() throws SessionException {
      need(1);
      return in[pos++] & 0xFF;
    }

    int u16() throws SessionException {
      return (u8() << 8) | u8();
    }

    int u32() throws SessionException {
      need(4);
      int v = ByteBuffer.wrap(in, pos, 4).getInt();
      pos += 4;
      return v;
    }

    Instant time() throws SessionException {
      need(8);
      long ms = ByteBuffer.wrap(in, pos, 8).getLong();
      pos += 8;
      if (ms < 0) {
        throw SessionException.malformed();
      }
      return Instant.ofEpochMilli(ms);
    }

    byte[] bytes(int n) throws SessionException {
      need(n);
      byte[] b = Arrays.copyOfRange(in, pos, pos + n);
      pos += n;
      return b;
    }

    String identity() throws SessionException {
      int n = u16();
      if (n < 1 || n > SessionProtocol.MAX_IDENTITY_BYTES) {
        throw SessionException.malformed();
      }
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes(n)))
            .toString();
      } catch (CharacterCodingException e) {
        throw SessionException.malformed();
      }
    }

    /** A list of {@code min..100} distinct identities. */
    List<String> identities(int min) throws SessionException {
      int n = u16();
      if (n < min || n > SessionProtocol.MAX_RECIPIENTS) {
        throw SessionException.malformed();
      }
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(identity());
      }
      if (new HashSet<>(ids).size() != n) {
        throw SessionException.malformed();
      }
      return List.copyOf(ids);
    }

    SessionKeyId keyId() throws SessionException {
      int n = u8();
      if (n < 1 || n > SessionKeyId.MAX_BYTES) {
        throw SessionException.malformed();
      }
      return SessionKeyId.of(bytes(n));
    }

    /** A {@code u32 len ‖ bytes} field of at most {@code max} bytes. */
    byte[] blob(int max) throws SessionException {
      int n = u32();
      if (n < 0 || n > max) {
        throw SessionException.malformed();
      }
      return bytes(n);
    }

    /** The rest of the input (a sealed box: nonce ‖ ciphertext ‖ tag), at least 28 bytes. */
    byte[] sealedRest() throws SessionException {
      byte[] b = bytes(in.length - pos);
      if (b.length < SessionCrypto.NONCE_BYTES + SessionCrypto.TAG_BYTES) {
        throw SessionException.malformed();
      }
      return b;
    }

    void finish() throws SessionException {
      if (pos != in.length) {
        throw SessionException.malformed();
      }
    }

    private void need(int n) throws SessionException {
      if (n < 0 || in.length - pos < n) {
        throw SessionException.malformed();
      }
    }
  }
}
