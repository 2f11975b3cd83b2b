package org.kdcmail.kdc.server.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kdc_issuance.recipients} column (schema 5): an issuance's recipients and their sealed
 * K_ABi kept in the issuance's own row, so that recording a key inserts one row instead of one plus
 * one per recipient. A list whose encoding exceeds {@link #MAX_BYTES} is not inlined; its
 * recipients go to {@code kdc_issuance_recipient}, where every issuance recorded before schema 5
 * keeps them too.
 *
 * <p>Encoding (big-endian): {@code 01 ‖ u16 n ‖ n × (u16 len ‖ recipient UTF-8 ‖ u16 len ‖ sealed
 * K_ABi)}, the recipients in the issuance's order. docs/storage.md has it with a test vector.
 */
final class InlineRecipients {
  /** The size of the column; longer lists go to {@code kdc_issuance_recipient}. */
  static final int MAX_BYTES = 4000;

  private static final int FORMAT = 1;

  private InlineRecipients() {}

  /**
   * @return the encoding, or empty when it would exceed {@link #MAX_BYTES}
   */
  static Optional<byte[]> encode(Map<String, byte[]> sealedPairwiseKeys) {
    if (sealedPairwiseKeys.isEmpty()) {
      throw new IllegalArgumentException("an issuance has at least one recipient");
    }
    int size = 3;
    List<byte[]> names = new ArrayList<>(sealedPairwiseKeys.size());
    for (Map.Entry<String, byte[]> e : sealedPairwiseKeys.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      size += 4 + name.length + e.getValue().length;
      if (size > MAX_BYTES) {
        return Optional.empty();
      }
      names.add(name);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put((byte) FORMAT).putShort((short) names.size());
    Iterator<byte[]> name = names.iterator();
    for (byte[] sealed : sealedPairwiseKeys.values()) {
      byte[] n = name.next();
      out.putShort((short) n.length).put(n).putShort((short) sealed.length).put(sealed);
    }
    return Optional.of(out.array());
  }

  /**
   * @return recipient → sealed K_ABi, in the issuance's order
   * @throws KdcStoreIntegrityException when the bytes are not such an encoding
   */
  static Map<String, byte[]> decode(String keyId, byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      if (in.get() != FORMAT) {
        throw malformed(keyId, "unknown format " + bytes[0], null);
      }
      int n = Short.toUnsignedInt(in.getShort());
      if (n == 0) {
        throw malformed(keyId, "no recipient", null);
      }
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String name = utf8(keyId, field(in));
        if (out.put(name, field(in)) != null) {
          throw malformed(keyId, "recipient " + name + " listed twice", null);
        }
      }
      if (in.hasRemaining()) {
        throw malformed(keyId, in.remaining() + " bytes after the list", null);
      }
      return Collections.unmodifiableMap(out);
    } catch (BufferUnderflowException e) {
      throw malformed(keyId, "truncated", e);
    }
  }

  private static byte[] field(ByteBuffer in) {
    byte[] value = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(value);
    return value;
  }

  private static String utf8(String keyId, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed(keyId, "a recipient is not UTF-8", e);
    }
  }

  private static KdcStoreIntegrityException malformed(String keyId, String why, Throwable cause) {
    return new KdcStoreIntegrityException(
        "the recipient list of session key "
            + keyId
            + " in kdc_issuance is malformed ("
            + why
            + ")",
        cause);
  }
}
