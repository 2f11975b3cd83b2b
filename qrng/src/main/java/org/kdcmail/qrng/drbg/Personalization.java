package org.kdcmail.qrng.drbg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * The SP 800-90A personalization string: a fixed label, the node identity, the start time and the
 * process id, each length-prefixed so that no two different inputs encode to the same bytes. Two
 * nodes started from the same snapshot differ in node identity (and usually in time and pid), so
 * their DRBGs start in different states even if their sources delivered identical samples.
 *
 * @param nodeIdentity a stable, unique name for this KDC node, e.g. its host name or node id
 * @param startTime when this DRBG instance was created
 * @param processId the operating-system process id
 */
record Personalization(String nodeIdentity, Instant startTime, long processId) {
  static final String LABEL = "kdcmail/qrng/drbg/v1";
  static final int MAX_NODE_IDENTITY_BYTES = 256;

  Personalization {
    Objects.requireNonNull(nodeIdentity, "nodeIdentity");
    Objects.requireNonNull(startTime, "startTime");
    if (nodeIdentity.isBlank()) {
      throw new IllegalArgumentException("node identity must not be blank");
    }
    if (nodeIdentity.getBytes(StandardCharsets.UTF_8).length > MAX_NODE_IDENTITY_BYTES) {
      throw new IllegalArgumentException(
          "node identity must be at most " + MAX_NODE_IDENTITY_BYTES + " bytes of UTF-8");
    }
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, LABEL.getBytes(StandardCharsets.UTF_8));
    field(out, nodeIdentity.getBytes(StandardCharsets.UTF_8));
    field(
        out,
        ByteBuffer.allocate(12)
            .putLong(startTime.getEpochSecond())
            .putInt(startTime.getNano())
            .array());
    field(out, ByteBuffer.allocate(8).putLong(processId).array());
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
    out.writeBytes(value);
  }
}
