package org.kdcmail.kdc.server.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sealed master-key rows of ACTIVE users, kept in memory so that the session-key hot path does
 * not read {@code kdc_user} for every request. Only when this process is the database's one writer
 * (embedded Derby, which one JVM opens at a time, with every user change going through the running
 * KDC's {@link KdcStore}); on PostgreSQL another node may disable or rotate a user at any time, so
 * there the cache is {@link #off()} and every lookup reads the database.
 *
 * <p>Rows stay sealed under the KEK, as on disk, and are opened per request: no master key is kept
 * in clear. A change of a user through the store {@link #invalidate}s the user after its commit. A
 * row read before an invalidation is not cached after it: each read notes the {@link #generation}
 * it started in, and {@link #putAll} drops the rows when an invalidation came in between.
 */
final class ActiveKeyCache {
  /** An ACTIVE user's row: the key version and the master key sealed under the KEK. */
  record SealedKeyRow(String username, int keyVersion, byte[] sealedMasterKey) {}

  private final boolean on;
  private final ConcurrentHashMap<String, SealedKeyRow> rows = new ConcurrentHashMap<>();
  private long generation; // guarded by this

  private ActiveKeyCache(boolean on) {
    this.on = on;
  }

  /** A cache for a database this process alone writes. */
  static ActiveKeyCache on() {
    return new ActiveKeyCache(true);
  }

  /** No cache: every lookup is a miss, nothing is kept. */
  static ActiveKeyCache off() {
    return new ActiveKeyCache(false);
  }

  /** To pass to {@link #putAll} with the rows of a read that starts now. */
  synchronized long generation() {
    return generation;
  }

  /**
   * Adds the cached rows of {@code names} to {@code found}.
   *
   * @return the names not cached, to read from the database
   */
  List<String> collect(Collection<String> names, List<SealedKeyRow> found) {
    if (!on) {
      return List.copyOf(names);
    }
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      SealedKeyRow row = rows.get(name);
      if (row == null) {
        missing.add(name);
      } else {
        found.add(row);
      }
    }
    return missing;
  }

  /**
   * Caches rows of ACTIVE users read from the database, unless a user was invalidated since {@code
   * readGeneration}.
   */
  synchronized void putAll(List<SealedKeyRow> read, long readGeneration) {
    if (on && generation == readGeneration) {
      read.forEach(r -> rows.put(r.username(), r));
    }
  }

  /** Forgets {@code username}'s row after a committed change of the user (status, key). */
  synchronized void invalidate(String username) {
    generation++;
    rows.remove(username);
  }
}
