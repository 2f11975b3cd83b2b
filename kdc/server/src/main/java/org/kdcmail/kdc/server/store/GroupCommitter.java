package org.kdcmail.kdc.server.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers {@link #submit} items and block; a committer thread takes whatever has
 * queued up (at most {@code maxBatch} items) and hands it to the {@link BatchWriter} as one
 * transaction, so one log flush makes many requests durable. While one batch is being written, the
 * next one accumulates; there is no artificial delay. A caller that finds nothing being committed
 * and nothing queued commits its item on its own thread, saving a hand-off to the committer and
 * back (what a lone client waits for); items arriving meanwhile queue up for the committer thread.
 *
 * <p>A caller is answered only after the batch holding its item has committed; if the batch fails,
 * every caller in it gets the failure. Housekeeping that the writer asks for after a batch ({@link
 * BatchWriter#housekeepingAfter}) runs on a thread of its own, never on a caller's.
 *
 * @param <I> the item written
 * @param <R> the result of one item
 */
final class GroupCommitter<I, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  private final BatchWriter<I, R> writer;
  private final int maxBatch;
  private final Thread committer;
  private final ThreadPoolExecutor housekeeping;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final ArrayDeque<Pending<I, R>> queue = new ArrayDeque<>(); // guarded by lock
  private boolean committing; // guarded by lock: a batch is being written, by whichever thread
  private boolean closed; // guarded by lock

  /** One caller's item, its wake-up condition and, once its batch is over, its outcome. */
  private static final class Pending<I, R> {
    final I item;
    final Condition answered;
    boolean done; // guarded by lock
    R result; // written by the committing thread before done is set; read after done
    RuntimeException failure; // as result

    Pending(I item, Condition answered) {
      this.item = item;
      this.answered = answered;
    }
  }

  /**
   * @param name names the committer thread, and its housekeeping thread ({@code name +
   *     "-housekeeping"})
   * @param maxBatch the most items committed in one transaction
   */
  GroupCommitter(String name, BatchWriter<I, R> writer, int maxBatch) {
    this.writer = Objects.requireNonNull(writer, "writer");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.maxBatch = maxBatch;
    // One thread, one waiting task: housekeeping asked for while the same work waits is dropped.
    this.housekeeping =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1),
            r -> {
              Thread t = new Thread(r, name + "-housekeeping");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.DiscardPolicy());
    this.committer = new Thread(this::run, name);
    committer.setDaemon(true);
    committer.start();
  }

  /**
   * Queues {@code item} (or commits it at once on this thread when nothing else is being committed
   * or waiting) and waits until its batch is durable.
   *
   * @return the item's result
   * @throws KdcStoreException when its batch failed (nothing of the batch was written)
   * @throws IllegalStateException after {@link #close()}
   */
  R submit(I item) {
    Objects.requireNonNull(item, "item");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      Pending<I, R> mine = new Pending<>(item, lock.newCondition());
      if (!committing && queue.isEmpty()) {
        commitHere(mine);
      } else {
        queue.addLast(mine);
        if (!committing) {
          workAvailable.signal();
        }
        while (!mine.done) {
          mine.answered.awaitUninterruptibly(); // the item is queued: its outcome must be known
        }
      }
      if (mine.failure != null) {
        throw mine.failure;
      }
      return mine.result;
    } finally {
      lock.unlock();
    }
  }

  /** Commits a lone caller's item on its own thread (lock held on entry and on return). */
  private void commitHere(Pending<I, R> mine) {
    committing = true;
    lock.unlock();
    // Derby may close a connection whose thread is interrupted in the middle of its work: the
    // item is committed with the flag cleared, which is set again afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      commit(List.of(mine));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      lock.lock();
      committing = false;
      mine.done = true;
      if (!queue.isEmpty() || closed) {
        workAvailable.signal();
      }
    }
  }

  /** The committer thread: batches what queued up, until closed and drained. */
  private void run() {
    lock.lock();
    try {
      while (true) {
        while (committing || (queue.isEmpty() && !closed)) {
          workAvailable.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return; // closed, and nothing left
        }
        committing = true;
        List<Pending<I, R>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
          batch.add(queue.pollFirst());
        }
        lock.unlock();
        try {
          commit(batch);
        } finally {
          lock.lock();
          committing = false;
          for (Pending<I, R> p : batch) {
            p.done = true;
            p.answered.signal();
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes and commits the batch, outside the lock; records each item's outcome on its pending. */
  private void commit(List<Pending<I, R>> batch) {
    List<I> items = new ArrayList<>(batch.size());
    batch.forEach(p -> items.add(p.item));
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
      RuntimeException failure =
          e instanceof RuntimeException r
              ? r
              : new KdcStoreException("group commit failed: " + e, e);
      batch.forEach(p -> p.failure = failure);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result = results.get(i);
    }
    scheduleHousekeeping(items.size());
  }

  private void scheduleHousekeeping(int committed) {
    try {
      Optional<Runnable> work = writer.housekeepingAfter(committed);
      work.ifPresent(
          w ->
              housekeeping.execute(
                  () -> {
                    try {
                      w.run();
                    } catch (RuntimeException e) {
                      log.warn("housekeeping after a group commit failed: {}", e.toString());
                    }
                  }));
    } catch (RuntimeException e) {
      log.warn("housekeeping after a group commit failed: {}", e.toString());
    }
  }

  /** Items waiting for the next batch (for tests and metrics). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Commits what is queued, then stops the committer and housekeeping threads. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      workAvailable.signal();
    } finally {
      lock.unlock();
    }
    try {
      committer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    housekeeping.shutdown();
    try {
      if (!housekeeping.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("housekeeping still running 30 s after the store was closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
