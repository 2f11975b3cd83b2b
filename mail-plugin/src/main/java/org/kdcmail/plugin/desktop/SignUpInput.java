package org.kdcmail.plugin.desktop;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the sign-up form holds at one moment, secrets as {@code char[]} copies that {@link #clear()}
 * overwrites. {@link #toString()} shows no secret.
 *
 * @param username as typed
 * @param loginPassword protects the local store
 * @param mkId the master key ID
 * @param mkPassword the master key password
 * @param mkPasswordConfirmation the master key password, typed again
 * @param code the enrollment code as typed
 * @param fingerprintConfirmed whether the user ticked "the fingerprint matches"
 */
public record SignUpInput(
    String username,
    char[] loginPassword,
    char[] mkId,
    char[] mkPassword,
    char[] mkPasswordConfirmation,
    char[] code,
    boolean fingerprintConfirmed) {

  public SignUpInput {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(loginPassword, "loginPassword");
    Objects.requireNonNull(mkId, "mkId");
    Objects.requireNonNull(mkPassword, "mkPassword");
    Objects.requireNonNull(mkPasswordConfirmation, "mkPasswordConfirmation");
    Objects.requireNonNull(code, "code");
  }

  /** Overwrites every secret with zeros. */
  public void clear() {
    for (char[] secret : new char[][] {loginPassword, mkId, mkPassword, mkPasswordConfirmation}) {
      Arrays.fill(secret, '\0');
    }
    Arrays.fill(code, '\0');
  }

  @Override
  public String toString() {
    return "SignUpInput[" + username + "]";
  }
}
