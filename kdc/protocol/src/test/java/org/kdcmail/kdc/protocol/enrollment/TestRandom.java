package org.kdcmail.kdc.protocol.enrollment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Deterministic test randomness (never for production): the stream SHA-256(label ‖ 0x00 ‖ u32be
 * block) for block = 0, 1, 2, ..., each call consuming the next bytes. Documented in
 * docs/protocol.md so the vectors can be recomputed.
 */
final class TestRandom implements EnrollmentRandom {

  private final byte[] label;
  private int block;
  private byte[] buffer = new byte[0];
  private int pos;

  TestRandom(String label) {
    this.label = label.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      if (pos == buffer.length) {
        MessageDigest sha = KeySchedule.sha256();
        sha.update(label);
        sha.update((byte) 0);
        sha.update(ByteBuffer.allocate(4).putInt(block++).array());
        buffer = sha.digest();
        pos = 0;
      }
      out[i] = buffer[pos++];
    }
  }

  byte[] next(int n) {
    byte[] b = new byte[n];
    nextBytes(b);
    return b;
  }
}
