package org.kdcmail.kdc.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers {@link #submit} items and block; one committer thread takes whatever has
 * queued up (at most {@code maxBatch} items) and hands it to the {@link BatchWriter} as one
 * transaction, so one log flush makes many requests durable. A caller is answered only after the
 * batch holding its item has committed; if the batch fails, every caller in it gets the failure.
 * There is no artificial delay: while one batch is being flushed, the next one accumulates.
 *
 * @param <I> the item written
 * @param <R> the result of one item
 */
final class GroupCommitter<I, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  private final BatchWriter<I, R> writer;
  private final int maxBatch;
  private final BlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private boolean closed; // guarded by this: nothing is queued after STOP

  private record Pending<I, R>(I item, CompletableFuture<R> result) {}

  /** A poison item that wakes the committer at {@link #close()}. */
  private static final Pending<?, ?> STOP = new Pending<>(null, null);

  GroupCommitter(String name, BatchWriter<I, R> writer, int maxBatch) {
    this.writer = Objects.requireNonNull(writer, "writer");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code item} and waits until its batch is durable.
   *
   * @return the item's result
   * @throws KdcStoreException when its batch failed (nothing of the batch was written)
   * @throws IllegalStateException after {@link #close()}
   */
  R submit(I item) {
    Objects.requireNonNull(item, "item");
    CompletableFuture<R> result = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      queue.add(new Pending<>(item, result));
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true; // the item is queued: its outcome must be known before returning
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new KdcStoreException("group commit failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Items waiting for the next batch (for tests and metrics). */
  int queued() {
    return queue.size();
  }

  @SuppressWarnings("unchecked")
  private void run() {
    List<Pending<I, R>> batch = new ArrayList<>(maxBatch);
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops the committer, through STOP
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove((Pending<I, R>) STOP);
      if (!batch.isEmpty()) {
        commit(batch);
      }
      if (stop) {
        drainAndFail();
        return;
      }
    }
  }

  private void commit(List<Pending<I, R>> batch) {
    List<I> items = new ArrayList<>(batch.size());
    batch.forEach(p -> items.add(p.item()));
    List<R> results;
    try {
      long started = System.nanoTime();
      results = writer.writeAndCommit(items);
      if (log.isDebugEnabled()) {
        log.debug(
            "committed {} item(s) in {} us", items.size(), (System.nanoTime() - started) / 1000);
      }
      if (results.size() != items.size()) {
        throw new IllegalStateException(
            "batch writer returned " + results.size() + " results for " + items.size() + " items");
      }
    } catch (RuntimeException | Error e) {
      log.error("group commit of {} item(s) failed: {}", items.size(), e.toString());
      batch.forEach(p -> p.result().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.get(i));
    }
    try {
      writer.afterCommit(items.size());
    } catch (RuntimeException e) {
      log.warn("housekeeping after a group commit failed: {}", e.toString());
    }
  }

  private void drainAndFail() {
    List<Pending<I, R>> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending<I, R> p : left) {
      if (p != STOP) {
        p.result().completeExceptionally(new IllegalStateException("the store is closed"));
      }
    }
  }

  /** Commits what is queued, then stops the committer thread. Idempotent. */
  @Override
  @SuppressWarnings("unchecked")
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add((Pending<I, R>) STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
