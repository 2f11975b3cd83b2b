package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache's own rules: hits and misses, a row read before an invalidation is not cached after it,
 * and a cache that is off keeps nothing. The store's use of it is tested on both databases in
 * {@link KdcStoreContract}.
 */
class ActiveKeyCacheTest {
  private static ActiveKeyCache.SealedKeyRow row(String name, int version) {
    return new ActiveKeyCache.SealedKeyRow(name, version, new byte[] {(byte) version});
  }

  @Test
  void collect_returnsCachedRows_andNamesTheMisses() {
    ActiveKeyCache cache = ActiveKeyCache.on();
    cache.putAll(List.of(row("alice", 1)), cache.generation());
    List<ActiveKeyCache.SealedKeyRow> found = new ArrayList<>();

    assertThat(cache.collect(List.of("alice", "bob"), found)).containsExactly("bob");
    assertThat(found).extracting(ActiveKeyCache.SealedKeyRow::username).containsExactly("alice");
  }

  @Test
  void putAll_readStartedBeforeAnInvalidation_isNotCached() {
    ActiveKeyCache cache = ActiveKeyCache.on();
    long readStarted = cache.generation();
    cache.invalidate("alice"); // e.g. disabled while the read ran
    cache.putAll(List.of(row("alice", 1)), readStarted);

    assertThat(cache.collect(List.of("alice"), new ArrayList<>())).containsExactly("alice");
  }

  @Test
  void invalidate_dropsTheUsersRow_only() {
    ActiveKeyCache cache = ActiveKeyCache.on();
    cache.putAll(List.of(row("alice", 1), row("bob", 1)), cache.generation());
    cache.invalidate("alice");

    List<ActiveKeyCache.SealedKeyRow> found = new ArrayList<>();
    assertThat(cache.collect(List.of("alice", "bob"), found)).containsExactly("alice");
    assertThat(found).extracting(ActiveKeyCache.SealedKeyRow::username).containsExactly("bob");
  }

  @Test
  void off_keepsNothing() {
    ActiveKeyCache cache = ActiveKeyCache.off();
    cache.putAll(List.of(row("alice", 1)), cache.generation());

    assertThat(cache.collect(List.of("alice"), new ArrayList<>())).containsExactly("alice");
  }
}
