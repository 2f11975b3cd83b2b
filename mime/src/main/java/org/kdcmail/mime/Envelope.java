package org.kdcmail.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Part 1 of a wrapped message, format version 1 (docs/mail-format.md): the core (everything but the
 * authenticators, hashed into every segment's associated data) and one 32-byte authenticator per
 * recipient entry, in entry order.
 */
final class Envelope {

  /** One recipient entry of the core. */
  record Entry(String recipient, byte[] ticket, byte[] keyConfirmation) {}

  /** The envelope could not be decoded; {@code unknownVersion} if only the version is wrong. */
  static final class FormatException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    final boolean unknownVersion;

    FormatException(boolean unknownVersion) {
      super("malformed envelope");
      this.unknownVersion = unknownVersion;
    }
  }

  final String keyId;
  final String sender;
  final String kdcId;
  final int segmentSizeBytes;
  final byte[] salt;
  final byte[] noncePrefix;
  final List<Entry> entries;
  final byte[] core;
  final byte[] coreHash;

  Envelope(
      String keyId,
      String sender,
      String kdcId,
      int segmentSizeBytes,
      byte[] salt,
      byte[] noncePrefix,
      List<Entry> entries) {
    this.keyId = keyId;
    this.sender = sender;
    this.kdcId = kdcId;
    this.segmentSizeBytes = segmentSizeBytes;
    this.salt = salt.clone();
    this.noncePrefix = noncePrefix.clone();
    this.entries = List.copyOf(entries);
    this.core = encodeCore();
    this.coreHash = sha256(core);
  }

  private byte[] encodeCore() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Format.ENVELOPE_MAGIC);
    out.write(Format.VERSION);
    byte[] k = keyId.getBytes(StandardCharsets.US_ASCII);
    out.write(k.length);
    out.writeBytes(k);
    writeField(out, sender.getBytes(StandardCharsets.UTF_8));
    writeField(out, kdcId.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(ByteBuffer.allocate(4).putInt(segmentSizeBytes).array());
    out.writeBytes(salt);
    out.writeBytes(noncePrefix);
    writeU16(out, entries.size());
    for (Entry e : entries) {
      writeField(out, e.recipient().getBytes(StandardCharsets.UTF_8));
      writeField(out, e.ticket());
      writeField(out, e.keyConfirmation());
    }
    return out.toByteArray();
  }

  /** The full envelope: core followed by the authenticators. */
  byte[] encode(List<byte[]> authenticators) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(core);
    authenticators.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** A decoded envelope with its authenticators. */
  record Decoded(Envelope envelope, List<byte[]> authenticators) {}

  static Decoded decode(byte[] bytes) throws FormatException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte[] magic = take(in, 4);
      if (!Arrays.equals(magic, Format.ENVELOPE_MAGIC)) {
        throw new FormatException(false);
      }
      if ((in.get() & 0xff) != Format.VERSION) {
        throw new FormatException(true);
      }
      String keyId = new String(take(in, in.get() & 0xff), StandardCharsets.US_ASCII);
      String sender = utf8(readField(in));
      String kdcId = utf8(readField(in));
      int segmentSize = in.getInt();
      byte[] salt = take(in, Format.SALT_BYTES);
      byte[] prefix = take(in, Format.NONCE_PREFIX_BYTES);
      int count = in.getShort() & 0xffff;
      if (count == 0 || count > SessionMaterial.MAX_RECIPIENTS) {
        throw new FormatException(false);
      }
      List<Entry> entries = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        entries.add(new Entry(utf8(readField(in)), readField(in), readField(in)));
      }
      List<byte[]> auths = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        auths.add(take(in, Format.AUTHENTICATOR_BYTES));
      }
      if (in.hasRemaining()) {
        throw new FormatException(false);
      }
      SessionMaterial.requireKeyId(keyId);
      if (segmentSize < 1 || segmentSize > Format.MAX_SEGMENT_SIZE_BYTES) {
        throw new FormatException(false);
      }
      Envelope e = new Envelope(keyId, sender, kdcId, segmentSize, salt, prefix, entries);
      if (!Arrays.equals(e.core, Arrays.copyOf(bytes, e.core.length))) {
        throw new FormatException(false);
      }
      return new Decoded(e, auths);
    } catch (RuntimeException e) {
      throw new FormatException(false);
    }
  }

  private static String utf8(byte[] b) throws FormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new FormatException(false);
    }
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  private static byte[] readField(ByteBuffer in) {
    return take(in, in.getShort() & 0xffff);
  }

  private static void writeField(ByteArrayOutputStream out, byte[] b) {
    writeU16(out, b.length);
    out.writeBytes(b);
  }

  private static void writeU16(ByteArrayOutputStream out, int v) {
    if (v > 0xffff) {
      throw new IllegalArgumentException("field too long");
    }
    out.write(v >>> 8);
    out.write(v);
  }

  static byte[] sha256(byte[] b) {
    return newSha256().digest(b);
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
