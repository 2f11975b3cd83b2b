package org.kdcmail.kdc.server.store;

import java.util.Objects;

/**
 * The result of {@link AuditLog#verify()}: either the whole chain checked out, or the first entry
 * where it breaks and why. The CLI maps {@link #ok()} to exit status 0, anything else to 1.
 *
 * @param problem {@link Problem#NONE} when the chain is intact
 * @param checkedEntries entries whose hashes were verified before the break (all of them if OK)
 * @param brokenSeq the first seq where the chain breaks (0 when OK)
 * @param reason a sentence for the operator (empty when OK)
 */
public record AuditVerification(
    Problem problem, long checkedEntries, long brokenSeq, String reason) {

  /** Why a chain is broken. */
  public enum Problem {
    /** Intact. */
    NONE,
    /** The row's fields do not hash to its stored hash: the row was edited. */
    HASH_MISMATCH,
    /** The row's prev_hash is not the previous row's hash: rows deleted or prev_hash edited. */
    PREV_HASH_MISMATCH,
    /** A seq is missing: rows were deleted. */
    GAP,
    /** The head records more entries (or another last hash) than the table holds. */
    HEAD_MISMATCH
  }

  public AuditVerification {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(reason, "reason");
  }

  static AuditVerification intact(long entries) {
    return new AuditVerification(Problem.NONE, entries, 0, "");
  }

  static AuditVerification broken(Problem problem, long checked, long seq, String reason) {
    return new AuditVerification(problem, checked, seq, reason);
  }

  /** True when the chain is intact from seq 1 to the head. */
  public boolean ok() {
    return problem == Problem.NONE;
  }
}
