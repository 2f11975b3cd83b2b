package org.kdcmail.mime;

import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SHA-256 of a stream of segments, computed on another thread while the caller encrypts and encodes
 * the next ones (wrap's two costliest steps run on two cores). The caller fills buffers it takes
 * from {@link #buffer()} and passes them on with {@link #update(byte[], int)}; a buffer comes back
 * to the pool once hashed, so at most {@value #BUFFERS} segments are in flight. Not thread-safe on
 * the caller's side; one instance per message.
 */
final class BackgroundSha256 implements AutoCloseable {
  static final int BUFFERS = 4;

  private static final ExecutorService HASHERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kdcmail-wrap-sha256");
            t.setDaemon(true);
            return t;
          });

  private record Work(byte[] buffer, int length) {}

  private static final Work END = new Work(new byte[0], -1);

  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Work> work = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final CompletableFuture<byte[]> digest = new CompletableFuture<>();
  private boolean ended;

  BackgroundSha256(int bufferBytes) {
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[bufferBytes]);
    }
    HASHERS.execute(this::run);
  }

  /** A buffer to fill; waits while every buffer is still being hashed. */
  byte[] buffer() throws InterruptedException {
    return free.take();
  }

  /** Hands {@code length} bytes of {@code buffer} (one from {@link #buffer()}) to the hasher. */
  void update(byte[] buffer, int length) throws InterruptedException {
    work.put(new Work(buffer, length));
  }

  /** SHA-256 of everything passed to {@link #update}, once the hasher has caught up. */
  byte[] digest() throws InterruptedException {
    end();
    try {
      return digest.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the SHA-256 hasher failed", e.getCause());
    }
  }

  /** Stops the hasher if {@link #digest()} was not reached (e.g. the input failed). */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      work.clear();
      work.offer(END);
    }
  }

  private void end() throws InterruptedException {
    if (!ended) {
      ended = true;
      work.put(END);
    }
  }

  private void run() {
    try {
      MessageDigest sha = Envelope.newSha256();
      while (true) {
        Work w = work.take();
        if (w == END) {
          digest.complete(sha.digest());
          return;
        }
        sha.update(w.buffer(), 0, w.length());
        free.put(w.buffer());
      }
    } catch (InterruptedException e) {
      digest.completeExceptionally(e);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      digest.completeExceptionally(e);
    }
  }
}
