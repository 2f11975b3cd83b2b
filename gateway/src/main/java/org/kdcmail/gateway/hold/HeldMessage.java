package org.kdcmail.gateway.hold;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the hold spool records about one held message, in clear (the message itself and the sender's
 * login are sealed): enough for {@code kdcmail admin held list} and for the retries.
 *
 * @param id the spool id (letters, digits and dashes)
 * @param sender the sender, a full address
 * @param recipients every envelope recipient
 * @param waitingFor the recipients not enrolled at the last check
 * @param messageId the message's Message-ID field, or empty
 * @param sizeBytes the message size as received
 * @param heldAt when the gateway accepted it
 * @param lastAttempt when the gateway last tried to send it
 * @param lastError why that attempt did not send it, if it failed
 */
public record HeldMessage(
    String id,
    String sender,
    List<String> recipients,
    List<String> waitingFor,
    String messageId,
    long sizeBytes,
    Instant heldAt,
    Optional<Instant> lastAttempt,
    Optional<String> lastError) {

  public HeldMessage {
    HoldSpool.requireId(id);
    Objects.requireNonNull(sender, "sender");
    recipients = List.copyOf(recipients);
    waitingFor = List.copyOf(waitingFor);
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(heldAt, "heldAt");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** This record after an attempt at {@code when} that left {@code waiting} and {@code error}. */
  public HeldMessage attempted(Instant when, List<String> waiting, Optional<String> error) {
    return new HeldMessage(
        id, sender, recipients, waiting, messageId, sizeBytes, heldAt, Optional.of(when), error);
  }
}
