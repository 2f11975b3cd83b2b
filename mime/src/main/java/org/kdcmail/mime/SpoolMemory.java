package org.kdcmail.mime;

/**
 * The heap that wrap and unwrap spools may use all together before they write to disk: by default
 * an eighth of the JVM's maximum heap. A spool reserves before it grows and gives its share back
 * when it spills or closes, so many large messages at once go to disk while one large message on an
 * idle JVM stays in memory. Thread-safe.
 */
final class SpoolMemory {

  /** The process-wide budget. */
  static final SpoolMemory SHARED = new SpoolMemory(Runtime.getRuntime().maxMemory() / 8);

  private final long capacity;
  private long reserved;

  SpoolMemory(long capacity) {
    this.capacity = capacity;
  }

  /** Takes {@code bytes} from the budget; false (and nothing taken) if they are not free. */
  synchronized boolean reserve(long bytes) {
    if (bytes > capacity - reserved) {
      return false;
    }
    reserved += bytes;
    return true;
  }

  /** Returns {@code bytes} taken earlier. */
  synchronized void release(long bytes) {
    reserved = Math.max(0, reserved - bytes);
  }

  /** Bytes reserved now (tests). */
  synchronized long reserved() {
    return reserved;
  }
}
