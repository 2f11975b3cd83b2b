package org.kdcmail.kdc.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit log entry as stored (never holds secrets). For {@link AuditType#ISSUANCE} the actor is
 * the sender and the subject the key id.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param at when it was appended (millisecond precision)
 * @param type what happened
 * @param actor who did it (user, sender, or admin)
 * @param subject what it was done to (user, key id, batch id, nonce); may be empty
 * @param detail free text without secrets; may be empty
 */
public record AuditEntry(
    long seq, Instant at, AuditType type, String actor, String subject, String detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
  }
}
