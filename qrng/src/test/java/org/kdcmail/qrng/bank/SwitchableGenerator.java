package org.kdcmail.qrng.bank;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.kdcmail.qrng.RandomBitGenerator;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/** A test generator backed by SecureRandom that can be switched into a FAILED state and back. */
final class SwitchableGenerator implements RandomBitGenerator {
  static final String SOURCE_ID = "test:securerandom";

  private final SecureRandom random = new SecureRandom();
  private final AtomicLong calls = new AtomicLong();
  private volatile String failure;

  @Override
  public void nextBytes(byte[] output) {
    String reason = failure;
    if (reason != null) {
      throw new EntropyUnavailableException(reason);
    }
    calls.incrementAndGet();
    random.nextBytes(output);
  }

  @Override
  public DrbgDescription description() {
    return new DrbgDescription(
        "SecureRandom (test)",
        256,
        1,
        false,
        new SourceDescriptor(SOURCE_ID, SourceKind.TEST, 8.0, false));
  }

  void fail(String reason) {
    failure = reason;
  }

  void heal() {
    failure = null;
  }

  long successfulCalls() {
    return calls.get();
  }
}
