package org.kdcmail.kdc.protocol.masterkey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.field.LagrangeInterpolation;

/**
 * Turns the five enrollment points into the user's {@link MasterKey}, and the key into the verifier
 * the client stores to recognise a correct unlock.
 *
 * <ul>
 *   <li>MK = HKDF-SHA256(IKM = 32-byte encoding of f(0), salt = none (RFC 5869: 32 zero bytes),
 *       info = "kdcmail master key v1" ‖ u32be(len) ‖ UTF-8(username), L = 32), where f is the
 *       polynomial through the five points ({@link LagrangeInterpolation#ENROLLMENT});
 *   <li>verifier = HKDF-SHA256(IKM = MK, salt = none, info = "kdcmail verifier v1", L = 32).
 * </ul>
 *
 * <p>Guarantees: the same username and points give the same key; any changed point or username
 * gives an unrelated key. The encoding of f(0) is zeroized after use and f(0) is never returned
 * (the {@link java.math.BigInteger} inside the intermediate field element cannot be wiped; it is
 * unreachable once this method returns). {@link #verify} compares in constant time and fails with
 * one generic error. Stateless and thread-safe.
 */
public final class MasterKeyDerivation {

  /** Label in the master key's HKDF info. */
  static final byte[] MASTER_KEY_LABEL =
      "kdcmail master key v1".getBytes(StandardCharsets.US_ASCII);

  /** HKDF info of the verifier. */
  static final byte[] VERIFIER_LABEL = "kdcmail verifier v1".getBytes(StandardCharsets.US_ASCII);

  /** Length of a verifier in bytes. */
  public static final int VERIFIER_BYTES = 32;

  /** A derivation; holds no state. */
  public MasterKeyDerivation() {}

  /**
   * The master key for {@code username} from p1..p5 (order does not matter).
   *
   * @throws IllegalArgumentException when the username is empty or too long, or the points are not
   *     exactly five with distinct non-zero x-coordinates
   */
  public MasterKey deriveMasterKey(String username, List<FieldPoint> points) {
    byte[] user = UserPointDerivation.usernameBytes(username);
    FieldElement intercept = LagrangeInterpolation.ENROLLMENT.interceptOf(points);
    byte[] secret = intercept.encode();
    byte[] key = new byte[MasterKey.LENGTH_BYTES];
    try {
      hkdf(secret, info(user), key);
      return MasterKey.copyOf(key);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The {@value #VERIFIER_BYTES}-byte verifier the client stores for {@code masterKey}. */
  public byte[] verifierOf(MasterKey masterKey) {
    byte[] key = Objects.requireNonNull(masterKey, "masterKey").copyBytes();
    byte[] verifier = new byte[VERIFIER_BYTES];
    try {
      hkdf(key, VERIFIER_LABEL, verifier);
      return verifier;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Checks {@code masterKey} against a stored verifier in constant time.
   *
   * @throws GeneralSecurityException (generic message) when they do not match, including a stored
   *     verifier of the wrong length
   */
  public void verify(MasterKey masterKey, byte[] storedVerifier) throws GeneralSecurityException {
    Objects.requireNonNull(storedVerifier, "storedVerifier");
    byte[] expected = verifierOf(masterKey);
    try {
      if (!MessageDigest.isEqual(expected, storedVerifier)) {
        throw new GeneralSecurityException("master key verification failed");
      }
    } finally {
      Arrays.fill(expected, (byte) 0);
    }
  }

  /** "kdcmail master key v1" ‖ u32be(len) ‖ username. */
  static byte[] info(byte[] usernameUtf8) {
    return ByteBuffer.allocate(MASTER_KEY_LABEL.length + 4 + usernameUtf8.length)
        .put(MASTER_KEY_LABEL)
        .putInt(usernameUtf8.length)
        .put(usernameUtf8)
        .array();
  }

  private static void hkdf(byte[] ikm, byte[] info, byte[] out) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, null, info));
    generator.generateBytes(out, 0, out.length);
  }
}
