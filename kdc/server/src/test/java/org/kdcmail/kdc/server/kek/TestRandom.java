package org.kdcmail.kdc.server.kek;

import java.security.SecureRandom;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.RandomBitGenerator;

/** A test-only random source backed by the JDK's SecureRandom. */
public final class TestRandom implements RandomBitGenerator {
  private final SecureRandom random = new SecureRandom();

  @Override
  public void nextBytes(byte[] output) {
    random.nextBytes(output);
  }

  @Override
  public DrbgDescription description() {
    throw new UnsupportedOperationException("test random source");
  }

  /** A KEK for tests in other packages. */
  public static KdcKek kek() {
    return KdcKek.generate(new TestRandom());
  }

  /** Cheap Argon2id settings for tests only. */
  public static final Argon2Parameters CHEAP = new Argon2Parameters(8, 1, 1);
}
