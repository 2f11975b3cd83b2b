package org.kdcmail.qrng.bank;

import java.nio.file.Path;

/**
 * What a restore from backup must do to a key bank before it opens: discard every stored key. A
 * backup holds keys that were still in the bank when it was taken, and the running bank may have
 * handed them out since; restored, they would be handed out a second time (a reused session key).
 * The batch rows stay, so the provenance of every key ever issued stays on record; the bank refills
 * with new batches (new random batch ids) when it next opens.
 */
public final class RestoredKeyBank {
  private RestoredKeyBank() {}

  /**
   * Deletes every stored key of the embedded Derby bank in {@code directory} (which no process may
   * have open) and returns how many were discarded.
   *
   * @throws KeyBankStorageException when the database cannot be opened or written
   */
  public static long discardStoredKeys(Path directory) {
    try (JdbcKeyStore store = JdbcKeyStore.open(DerbyBankDatabase.in(directory))) {
      return store.discardStoredKeys();
    }
  }
}
