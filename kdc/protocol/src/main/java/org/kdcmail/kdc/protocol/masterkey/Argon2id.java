package org.kdcmail.kdc.protocol.masterkey;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id (RFC 9106, version 0x13) through Bouncy Castle; package-private so the KAT can reach it.
 */
final class Argon2id {

  private Argon2id() {}

  /**
   * The {@value Argon2Parameters#TAG_BYTES}-byte tag. {@code secret} and {@code associatedData} may
   * be empty; kdcmail's derivation uses neither (they exist for the RFC 9106 §5.3 vector).
   */
  static byte[] hash(
      Argon2Parameters params, byte[] password, byte[] salt, byte[] secret, byte[] associatedData) {
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
