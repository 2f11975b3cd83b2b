package org.kdcmail.kdc.server.store;

import java.util.List;

/**
 * The KDC's append-only audit trail of enrollment, issuance, replays and admin actions, hash
 * chained so that an edited, deleted or truncated entry is detected by {@link #verify()}. Appends
 * are durable when the method returns and are serialized across every KDC node sharing the database
 * (the chain never forks). Never pass secrets: entries are stored in clear.
 */
public interface AuditLog {
  /**
   * Appends one entry (committed on return).
   *
   * @return its seq
   */
  long append(AuditType type, String actor, String subject, String detail);

  /**
   * As {@link #append(AuditType, String, String, String)} with the type's label, e.g. {@code
   * "enrollment"}.
   *
   * @throws IllegalArgumentException for an unknown label
   */
  default long append(String type, String actor, String subject, String detail) {
    return append(AuditType.fromLabel(type), actor, subject, detail);
  }

  /** Checks the whole chain and the head; reports the first break. */
  AuditVerification verify();

  /** Entries matching {@code filter}, in seq order. */
  List<AuditEntry> entries(AuditFilter filter);
}
