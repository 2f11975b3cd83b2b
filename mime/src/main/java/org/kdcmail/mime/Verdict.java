package org.kdcmail.mime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link MailUnwrapper#unwrap}. Only {@link Status#OK} and {@link Status#REPLAY}
 * release plaintext; for those, {@code sender} is authenticated by the pairwise authenticator and
 * {@code keyId} / {@code issuedAt} come from the KDC's ticket. For every other status nothing was
 * written and the three fields are empty.
 *
 * @param status the coarse outcome
 * @param sender the authenticated sender, if released
 * @param keyId the message key id, if released
 * @param issuedAt when the KDC issued the key, if released
 */
public record Verdict(
    Status status, Optional<String> sender, Optional<String> keyId, Optional<Instant> issuedAt) {

  /** Coarse outcomes, worded for the reader. */
  public enum Status {
    /** Decrypted; the sender is verified. */
    OK,
    /**
     * Decrypted and verified, but this key id was read before (a duplicate or a replay). The
     * plaintext is released; the gateway marks it.
     */
    REPLAY,
    /** The top level of the message is not a kdcmail message: left alone. */
    NOT_KDCMAIL,
    /** The envelope has no entry for this reader. */
    NOT_ADDRESSED_TO_YOU,
    /** The message failed its integrity check (tampered, truncated or malformed). */
    INTEGRITY,
    /** A kdcmail format version this reader does not know. */
    UNKNOWN_VERSION,
    /** The KDC revoked the message key. */
    KEY_REVOKED,
    /** The ticket has expired. */
    TICKET_EXPIRED
  }

  /** Checks that the fields are present exactly when the status releases plaintext. */
  public Verdict {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (sender.isPresent() != released(status)) {
      throw new IllegalArgumentException("sender must be present iff plaintext is released");
    }
  }

  static Verdict rejected(Status status) {
    return new Verdict(status, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Verdict released(Status status, String sender, String keyId, Instant issuedAt) {
    return new Verdict(status, Optional.of(sender), Optional.of(keyId), Optional.of(issuedAt));
  }

  /** True iff the plaintext was written to the output. */
  public boolean isReleased() {
    return released(status);
  }

  private static boolean released(Status s) {
    return s == Status.OK || s == Status.REPLAY;
  }
}
