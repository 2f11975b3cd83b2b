package org.kdcmail.gateway.pop3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kdcmail.mime.SeenKeyIds;

/**
 * The gateway's memory of message key ids read, per recipient, for replay detection; held in memory
 * only (a restart forgets it) and bounded (the oldest entries go first). A key id counts as seen
 * again only when it arrives in a message with a different upstream unique id: reading the same
 * stored message twice (another session, a client that keeps mail on the server) is not a replay, a
 * second copy under the same key is. Thread-safe.
 */
final class ReplayCache {
  private final Map<String, String> firstUid;

  /**
   * @param capacity most (recipient, key id) pairs remembered
   */
  ReplayCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.firstUid =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The replay check for the message stored upstream under {@code uid}. */
  SeenKeyIds forMessage(String uid) {
    return (keyId, recipient) -> markSeen(recipient + "\n" + keyId, uid);
  }

  private synchronized boolean markSeen(String key, String uid) {
    String first = firstUid.putIfAbsent(key, uid);
    return first == null || first.equals(uid);
  }
}
