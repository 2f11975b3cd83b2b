package org.kdcmail.kdc.protocol.enrollment;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict byte reader and writer for the enrollment messages. */
final class Wire {

  private Wire() {}

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer(MessageType type) {
      out.write(EnrollmentProtocol.VERSION);
      out.write(type.code());
    }

    Writer u8(int v) {
      out.write(v);
      return this;
    }

    Writer bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  static final class Reader {
    private final byte[] in;
    private int pos;

    /** Checks version and type; fails on anything shorter than the header. */
    Reader(byte[] in, MessageType type) throws EnrollmentException {
      if (in == null || in.length < 2) {
        throw EnrollmentException.malformed();
      }
      this.in = in;
      if (in[0] != EnrollmentProtocol.VERSION || in[1] != type.code()) {
        throw EnrollmentException.malformed();
      }
      pos = 2;
    }

    int u8() throws EnrollmentException {
      need(1);
      return in[pos++] & 0xFF;
    }

    byte[] bytes(int n) throws EnrollmentException {
      need(n);
      byte[] b = Arrays.copyOfRange(in, pos, pos + n);
      pos += n;
      return b;
    }

    void finish() throws EnrollmentException {
      if (pos != in.length) {
        throw EnrollmentException.malformed();
      }
    }

    private void need(int n) throws EnrollmentException {
      if (n < 0 || in.length - pos < n) {
        throw EnrollmentException.malformed();
      }
    }
  }

  /** UTF-8 bytes of a username, validated: 1..254 bytes, no control characters. */
  static byte[] usernameBytes(String username) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("username must not be empty");
    }
    byte[] b = username.getBytes(StandardCharsets.UTF_8);
    if (b.length > EnrollmentProtocol.MAX_USERNAME_BYTES || hasControl(username)) {
      throw new IllegalArgumentException(
          "username must be 1.."
              + EnrollmentProtocol.MAX_USERNAME_BYTES
              + " UTF-8 bytes without control characters");
    }
    return b;
  }

  /** Strict UTF-8 decoding of a received username. */
  static String decodeUsername(byte[] b) throws EnrollmentException {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b))
              .toString();
      if (s.isEmpty() || hasControl(s)) {
        throw EnrollmentException.malformed();
      }
      return s;
    } catch (CharacterCodingException e) {
      throw EnrollmentException.malformed();
    }
  }

  private static boolean hasControl(String s) {
    return s.codePoints().anyMatch(Character::isISOControl);
  }
}
