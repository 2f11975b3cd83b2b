package org.kdcmail.plugin.store;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * What the client store holds. The points and the verifier are secret; {@link #toString()} prints
 * neither.
 *
 * @param username the enrolled user (e.g. {@code alice@corp})
 * @param kdcAddress the KDC's address (host:port or a list the client understands)
 * @param kdcFingerprint the pinned fingerprint of the KDC's identity key
 * @param points p2..p5, exactly four
 * @param verifier 32 bytes, checked in constant time at unlock
 * @param createdAt when enrollment wrote the store (millisecond precision on disk)
 */
public record StoreContents(
    String username,
    String kdcAddress,
    String kdcFingerprint,
    List<FieldPoint> points,
    byte[] verifier,
    Instant createdAt) {
  /** Number of stored points. */
  public static final int POINT_COUNT = 4;

  /** Verifier length. */
  public static final int VERIFIER_BYTES = 32;

  /** Longest string field, in UTF-8 bytes. */
  public static final int MAX_STRING_BYTES = 1024;

  public StoreContents {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(kdcAddress, "kdcAddress");
    Objects.requireNonNull(kdcFingerprint, "kdcFingerprint");
    Objects.requireNonNull(createdAt, "createdAt");
    points = List.copyOf(points);
    if (points.size() != POINT_COUNT) {
      throw new IllegalArgumentException("the store holds exactly four points (p2..p5)");
    }
    if (verifier.length != VERIFIER_BYTES) {
      throw new IllegalArgumentException("the verifier is 32 bytes");
    }
    verifier = verifier.clone();
    createdAt = Instant.ofEpochMilli(createdAt.toEpochMilli());
  }

  /** A copy of the verifier. */
  @Override
  public byte[] verifier() {
    return verifier.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoreContents that
        && username.equals(that.username)
        && kdcAddress.equals(that.kdcAddress)
        && kdcFingerprint.equals(that.kdcFingerprint)
        && points.equals(that.points)
        && MessageDigest.isEqual(verifier, that.verifier)
        && createdAt.equals(that.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, kdcAddress, kdcFingerprint, createdAt);
  }

  @Override
  public String toString() {
    return "StoreContents[" + username + ", kdc " + kdcAddress + ", points and verifier redacted]";
  }
}
