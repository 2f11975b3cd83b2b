package org.kdcmail.plugin.enroll;

import java.security.SecureRandom;
import java.time.Duration;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;

/** Cheap Argon2id costs so tests run in milliseconds; production uses RFC 9106. */
public final class TestSettings {

  /** 1 MiB, one pass, one lane. */
  public static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);

  private TestSettings() {}

  /** Cheap costs for both Argon2id runs, short timeouts. */
  public static ClientKdfSettings cheap() {
    return new ClientKdfSettings(
        CHEAP, CHEAP, new SecureRandom(), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}
