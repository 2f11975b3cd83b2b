package org.kdcmail.kdc.server.store;

import java.util.Optional;

/**
 * Which audit entries {@link AuditLog#entries} returns: those after {@code afterSeq}, in sequence
 * order, optionally of one type, actor or subject, at most {@code limit}.
 *
 * @param type only this type, if present
 * @param actor only this actor, if present
 * @param subject only this subject, if present
 * @param afterSeq only entries with a larger seq (0 = from the start); for paging
 * @param limit at most this many, 1..{@value #MAX_LIMIT}
 */
public record AuditFilter(
    Optional<AuditType> type,
    Optional<String> actor,
    Optional<String> subject,
    long afterSeq,
    int limit) {
  /** Upper bound on {@code limit}. */
  public static final int MAX_LIMIT = 10_000;

  public AuditFilter {
    if (type == null || actor == null || subject == null) {
      throw new IllegalArgumentException("use Optional.empty() for no filter");
    }
    if (afterSeq < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("afterSeq must be >= 0 and limit 1.." + MAX_LIMIT);
    }
  }

  /** The first {@code limit} entries of any type. */
  public static AuditFilter first(int limit) {
    return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
  }

  /** This filter restricted to {@code type}. */
  public AuditFilter ofType(AuditType only) {
    return new AuditFilter(Optional.of(only), actor, subject, afterSeq, limit);
  }

  /** This filter restricted to {@code subject} (e.g. a key id). */
  public AuditFilter withSubject(String only) {
    return new AuditFilter(type, actor, Optional.of(only), afterSeq, limit);
  }

  /** This filter starting after {@code seq}. */
  public AuditFilter after(long seq) {
    return new AuditFilter(type, actor, subject, seq, limit);
  }
}
