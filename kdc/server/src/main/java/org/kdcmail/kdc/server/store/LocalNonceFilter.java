package org.kdcmail.kdc.server.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The request nonces this process has looked up, so that on a database it alone writes the replay
 * pre-check needs no read for a nonce that is certainly new.
 *
 * <p>Only for embedded Derby, which one JVM opens at a time: there every row of {@code kdc_replay}
 * was either written by an earlier process or admitted by this one after its lookup passed through
 * here. An earlier process's rows all carry a request time up to {@code priorHorizonMs}, the latest
 * {@code request_at_ms} found when the store opened; a replayed request carries the same timestamp
 * as its original, so one timed after that horizon cannot match such a row. A nonce that is neither
 * behind the horizon nor in the filter is therefore new, and the pre-check answers "not seen"
 * without the database. Anything else is asked of the database as before; the primary key of {@code
 * kdc_replay} stays the one that decides.
 *
 * <p>The filter is a Bloom filter per 10 s of expiry time: no false negatives, rare false positives
 * (each costs one read, never a wrong answer), and a slice is dropped once every nonce in it has
 * expired. Memory: 256 KiB per live slice, about 8 MiB under load with the default 300 s skew, at
 * most {@link #MAX_SLICES} slices (a longer skew): the nonces of a slice beyond that are not noted
 * and always asked of the database, for as long as that slice lives. Nothing in it is secret:
 * {@code kdc_replay} holds the same nonces unencrypted.
 */
final class LocalNonceFilter {
  private static final long SLICE_MS = 10_000;
  private static final int BITS_LOG2 = 21;
  private static final int HASHES = 4;

  /** Most slices held (16 MiB); nonces of further slices are asked of the database. */
  static final int MAX_SLICES = 64;

  /** Stands for a slice over {@link #MAX_SLICES}: none of its nonces is noted, all are asked. */
  private static final AtomicLongArray UNTRACKED = new AtomicLongArray(0);

  private final boolean on;
  private final long priorHorizonMs;
  private final ConcurrentHashMap<Long, AtomicLongArray> slices = new ConcurrentHashMap<>();

  private LocalNonceFilter(boolean on, long priorHorizonMs) {
    this.on = on;
    this.priorHorizonMs = priorHorizonMs;
  }

  /**
   * A filter for a database this process alone writes.
   *
   * @param priorHorizonMs the latest request time among the replay rows present when the store
   *     opened ({@link Long#MIN_VALUE} for none)
   */
  static LocalNonceFilter on(long priorHorizonMs) {
    return new LocalNonceFilter(true, priorHorizonMs);
  }

  /** No filter: every nonce is asked of the database. */
  static LocalNonceFilter off() {
    return new LocalNonceFilter(false, Long.MAX_VALUE);
  }

  /**
   * Notes the request's nonce and tells whether it is certainly new.
   *
   * @return true when neither this process nor an earlier one can have admitted the pair, so the
   *     pre-check may skip the database; false when the database must be asked
   */
  boolean firstSighting(RequestNonce n, long nowMs) {
    if (!on) {
      return false;
    }
    long expires = n.expiresMillis();
    long sliceIndex = Math.floorDiv(expires, SLICE_MS);
    AtomicLongArray bits = slices.get(sliceIndex);
    if (bits == null) {
      dropExpired(nowMs);
      bits =
          slices.computeIfAbsent(
              sliceIndex,
              i ->
                  slices.size() >= MAX_SLICES
                      ? UNTRACKED
                      : new AtomicLongArray(1 << (BITS_LOG2 - 6)));
    }
    if (bits == UNTRACKED) {
      return false;
    }
    boolean seenBits = setAll(bits, n);
    return !seenBits && n.requestMillis() > priorHorizonMs;
  }

  /** Sets the pair's bits; true when all of them were set already (probably seen). */
  private static boolean setAll(AtomicLongArray bits, RequestNonce n) {
    byte[] nonce = n.nonce();
    long h1 = mix(longAt(nonce, 0) ^ n.sender().hashCode());
    long h2 = mix(longAt(nonce, 8)) | 1;
    boolean all = true;
    for (int i = 0; i < HASHES; i++) {
      int bit = (int) ((h1 + i * h2) >>> (64 - BITS_LOG2));
      long mask = 1L << (bit & 63);
      long before = bits.getAndUpdate(bit >>> 6, w -> w | mask);
      all &= (before & mask) != 0;
    }
    return all;
  }

  /** Drops the slices whose every nonce has expired. */
  private void dropExpired(long nowMs) {
    long current = Math.floorDiv(nowMs, SLICE_MS);
    slices.keySet().removeIf(index -> index < current);
  }

  /** The number of slices held (tests). */
  int slices() {
    return slices.size();
  }

  private static long longAt(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  /**
   * A 64-bit finalizer (the one of SplitMix64) so that every output bit depends on every input bit.
   */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
