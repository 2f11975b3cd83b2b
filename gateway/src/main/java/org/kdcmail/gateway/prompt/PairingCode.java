package org.kdcmail.gateway.prompt;

import java.time.Instant;
import java.util.Objects;

/**
 * A fresh pairing code for {@code user}: 8 digits, good once until {@code expiresAt}.
 *
 * @param user whose prompt the paired client becomes
 * @param code the 8 digits to type into the extension
 * @param expiresAt when it stops working
 */
public record PairingCode(String user, String code, Instant expiresAt) {
  public PairingCode {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "PairingCode[" + user + ", code hidden, until " + expiresAt + "]";
  }
}
