package org.kdcmail.mime;

import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;

/**
 * What the sender's side holds for one recipient of one message: the recipient's address, the
 * recipient's ticket (opaque bytes sealed by the KDC under the recipient's master key), the
 * pairwise key K_AB shared by sender and this recipient only, and the key confirmation Enc(ID_A, N)
 * produced by the caller. The ticket and key confirmation travel in the envelope unchanged.
 *
 * @param recipient the recipient's mail address
 * @param ticket opaque ticket bytes, 1 to {@value #MAX_TICKET_BYTES} bytes
 * @param pairwiseKey K_AB, 32 bytes; destroyed by {@link MailWrapper#wrap} when the copy is done
 * @param keyConfirmation opaque key confirmation, 0 to {@value #MAX_KEY_CONFIRMATION_BYTES} bytes
 */
public record RecipientGrant(
    String recipient, byte[] ticket, SecretBytes pairwiseKey, byte[] keyConfirmation) {

  /** Largest ticket carried in an envelope. */
  public static final int MAX_TICKET_BYTES = 8192;

  /** Largest key confirmation carried in an envelope. */
  public static final int MAX_KEY_CONFIRMATION_BYTES = 512;

  /** Validates sizes and the address; copies the byte arrays. */
  public RecipientGrant {
    Addresses.requireValid(recipient, "recipient");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(pairwiseKey, "pairwiseKey");
    Objects.requireNonNull(keyConfirmation, "keyConfirmation");
    if (ticket.length == 0 || ticket.length > MAX_TICKET_BYTES) {
      throw new IllegalArgumentException("ticket must be 1.." + MAX_TICKET_BYTES + " bytes");
    }
    if (keyConfirmation.length > MAX_KEY_CONFIRMATION_BYTES) {
      throw new IllegalArgumentException(
          "keyConfirmation must be at most " + MAX_KEY_CONFIRMATION_BYTES + " bytes");
    }
    if (pairwiseKey.length() != 32) {
      throw new IllegalArgumentException("pairwiseKey must be 32 bytes");
    }
    ticket = ticket.clone();
    keyConfirmation = keyConfirmation.clone();
  }

  @Override
  public byte[] ticket() {
    return ticket.clone();
  }

  @Override
  public byte[] keyConfirmation() {
    return keyConfirmation.clone();
  }

  @Override
  public String toString() {
    return "RecipientGrant[" + recipient + ", ticket " + ticket.length + " bytes]";
  }
}
