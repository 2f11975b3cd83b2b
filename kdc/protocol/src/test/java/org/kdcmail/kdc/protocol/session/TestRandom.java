package org.kdcmail.kdc.protocol.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Deterministic test stream SHA-256(label ‖ 0x00 ‖ u32be block), as in the enrollment vectors. */
final class TestRandom implements SessionRandom {
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
        try {
          MessageDigest sha = MessageDigest.getInstance("SHA-256");
          sha.update(label);
          sha.update((byte) 0);
          sha.update(ByteBuffer.allocate(4).putInt(block++).array());
          buffer = sha.digest();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        pos = 0;
      }
      out[i] = buffer[pos++];
    }
  }
}
