package org.kdcmail.kdc.protocol.masterkey;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id (RFC 9106, version 0x13) through Bouncy Castle: the one Argon2id of kdcmail. Used for
 * the MK-password derivation ({@link UserPointDerivation}), the KDC's KEK file and the client's
 * local store. The output is always the {@value Argon2Parameters#TAG_BYTES}-byte tag; the caller
 * zeroes it after use.
 *
 * <p>Parameters read from an untrusted file header are bounded by the reader before they reach
 * {@link #hash} (see {@link Argon2Parameters#requireWithin}); {@link Argon2Parameters} itself only
 * guarantees RFC-valid, configuration-sane values.
 */
public final class Argon2id {

  /** Shortest salt accepted (RFC 9106 §3.1: at least 8 bytes; 16 recommended). */
  public static final int MIN_SALT_BYTES = 8;

  private Argon2id() {}

  /**
   * The {@value Argon2Parameters#TAG_BYTES}-byte Argon2id tag of {@code password} with {@code salt}
   * (no secret, no associated data).
   *
   * @throws IllegalArgumentException when {@code salt} is shorter than {@value #MIN_SALT_BYTES}
   */
  public static byte[] hash(Argon2Parameters params, byte[] password, byte[] salt) {
    Objects.requireNonNull(password, "password");
    return hash(params, password, salt, new byte[0], new byte[0]);
  }

  /**
   * As {@link #hash(Argon2Parameters, byte[], byte[])} with the password encoded as UTF-8; the
   * temporary encoding is zeroed before returning.
   */
  public static byte[] hash(Argon2Parameters params, char[] password, byte[] salt) {
    Objects.requireNonNull(password, "password");
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    try {
      return hash(params, bytes, salt);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }

  /**
   * The full RFC 9106 form. {@code secret} and {@code associatedData} may be empty; kdcmail uses
   * neither (they exist for the RFC 9106 §5.3 vector), hence package-private.
   */
  static byte[] hash(
      Argon2Parameters params, byte[] password, byte[] salt, byte[] secret, byte[] associatedData) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(salt, "salt");
    if (salt.length < MIN_SALT_BYTES) {
      throw new IllegalArgumentException(
          "Argon2id salt must be at least " + MIN_SALT_BYTES + " bytes, got " + salt.length);
    }
    org.bouncycastle.crypto.params.Argon2Parameters.Builder builder =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
            .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKiB())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt);
    if (secret.length > 0) {
      builder.withSecret(secret);
    }
    if (associatedData.length > 0) {
      builder.withAdditional(associatedData);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(builder.build());
    byte[] tag = new byte[Argon2Parameters.TAG_BYTES];
    generator.generateBytes(password, tag);
    return tag;
  }
}
