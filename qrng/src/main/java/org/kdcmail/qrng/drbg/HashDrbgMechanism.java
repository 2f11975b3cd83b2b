package org.kdcmail.qrng.drbg;

import org.bouncycastle.crypto.prng.drbg.HashSP800DRBG;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;

/**
 * The one place the SP 800-90A mechanism is chosen and built: Bouncy Castle's {@link HashSP800DRBG}
 * over the JDK's SHA-512, at 256-bit security strength. Production ({@link QrngDrbg}) and the CAVP
 * known-answer tests both instantiate through {@link #instantiate}.
 */
final class HashDrbgMechanism {
  static final String NAME = "Hash_DRBG/SHA-512";
  static final int SECURITY_STRENGTH_BITS = 256;

  /** Bouncy Castle's Hash_DRBG refuses requests after 2^47 generates without a reseed. */
  static final long MAX_RESEED_INTERVAL = 1L << 47;

  /**
   * Bouncy Castle caps one generate request at 2^18 bits (32 KiB), below the 2^19 bits SP 800-90A
   * Table 2 allows for Hash_DRBG.
   */
  static final int MAX_BYTES_PER_REQUEST = (1 << 18) / 8;

  private HashDrbgMechanism() {}

  /**
   * Reads the nonce, then the entropy input, from {@code entropy} and instantiates the DRBG.
   *
   * @throws org.kdcmail.qrng.EntropyUnavailableException when the source cannot deliver
   */
  static SP80090DRBG instantiate(SampleEntropyInput entropy, byte[] personalization) {
    byte[] nonce = entropy.readNonce();
    return new HashSP800DRBG(
        new JdkSha512Digest(), SECURITY_STRENGTH_BITS, entropy, personalization, nonce);
  }
}
