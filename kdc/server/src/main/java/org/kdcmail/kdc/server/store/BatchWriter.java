package org.kdcmail.kdc.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Writes a batch of items in one transaction for a {@link GroupCommitter}. {@link #writeAndCommit}
 * returns only after the transaction is durable; an item that can be refused on its own (a
 * duplicate) gets its own result without failing the others, and anything else fails the batch.
 *
 * @param <I> the item written
 * @param <R> the result of one item
 */
interface BatchWriter<I, R> {

  /**
   * Writes every item, commits once, and returns one result per item, in order.
   *
   * @throws KdcStoreException when the batch could not be committed: nothing of it is durable
   */
  List<R> writeAndCommit(List<I> items);

  /**
   * Asked after each committed batch of {@code items} items: housekeeping now due, which the {@link
   * GroupCommitter} runs on its housekeeping thread (not on a caller's), or empty. Must be cheap.
   */
  default Optional<Runnable> housekeepingAfter(int items) {
    return Optional.empty();
  }
}
