package org.kdcmail.qrng.drbg;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import org.bouncycastle.crypto.ExtendedDigest;

/**
 * Bouncy Castle's {@link ExtendedDigest} view of the JDK's {@code SHA-512} from the {@code SUN}
 * provider, which HotSpot accelerates with CPU intrinsics. An adapter only: the hash is the JDK's.
 * Not thread safe; each DRBG owns one.
 */
final class JdkSha512Digest implements ExtendedDigest {
  private static final int DIGEST_BYTES = 64;
  private static final int BLOCK_BYTES = 128;

  private final MessageDigest sha512;

  JdkSha512Digest() {
    try {
      this.sha512 = MessageDigest.getInstance("SHA-512", "SUN");
    } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
      throw new IllegalStateException("the JDK's SUN provider has no SHA-512", e);
    }
  }

  @Override
  public String getAlgorithmName() {
    return "SHA-512";
  }

  @Override
  public int getDigestSize() {
    return DIGEST_BYTES;
  }

  @Override
  public int getByteLength() {
    return BLOCK_BYTES;
  }

  @Override
  public void update(byte in) {
    sha512.update(in);
  }

  @Override
  public void update(byte[] in, int inOff, int len) {
    sha512.update(in, inOff, len);
  }

  @Override
  public int doFinal(byte[] out, int outOff) {
    try {
      return sha512.digest(out, outOff, DIGEST_BYTES);
    } catch (DigestException e) {
      throw new IllegalArgumentException("output buffer too short for SHA-512", e);
    }
  }

  @Override
  public void reset() {
    sha512.reset();
  }
}
