package org.kdcmail.kdc.protocol.confirm;

import java.util.Objects;

/**
 * A's pending key confirmation: the challenge message to send (seed step 3) and the 128-bit N it
 * carries, which {@link KeyConfirmation#verifyAnswer} needs. Keep it private to A.
 *
 * @param message the {@code CONFIRM_CHALLENGE} bytes
 * @param nonce N (16 bytes, big-endian)
 */
public record ConfirmationChallenge(byte[] message, byte[] nonce) {
  public ConfirmationChallenge {
    message = Objects.requireNonNull(message, "message").clone();
    if (nonce.length != KeyConfirmation.N_BYTES) {
      throw new IllegalArgumentException("N is 16 bytes");
    }
    nonce = nonce.clone();
  }

  @Override
  public byte[] message() {
    return message.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }
}
