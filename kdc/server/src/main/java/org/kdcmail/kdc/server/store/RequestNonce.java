package org.kdcmail.kdc.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A request's (time, sender, nonce) for the replay cache, with the skew that decides how long it is
 * remembered ({@code requestTime + skew}).
 *
 * @param sender who sent the request (1..320 characters)
 * @param nonce the request's 16-byte nonce (copied)
 * @param requestTime the request's timestamp T
 * @param skew the allowed clock skew (not negative)
 */
public record RequestNonce(String sender, byte[] nonce, Instant requestTime, Duration skew) {
  private static final int MAX_SENDER_CHARS = 320;

  public RequestNonce {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(requestTime, "requestTime");
    Objects.requireNonNull(skew, "skew");
    if (sender.isBlank() || sender.length() > MAX_SENDER_CHARS) {
      throw new IllegalArgumentException("sender must be 1..320 characters and not blank");
    }
    if (nonce.length != ReplayCache.NONCE_BYTES) {
      throw new IllegalArgumentException("nonce must be " + ReplayCache.NONCE_BYTES + " bytes");
    }
    if (skew.isNegative()) {
      throw new IllegalArgumentException("skew must not be negative");
    }
    nonce = nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  long requestMillis() {
    return requestTime.toEpochMilli();
  }

  /** When the pair may be forgotten: {@code requestTime + skew}. */
  long expiresMillis() {
    return requestTime.plus(skew).toEpochMilli();
  }

  String nonceHex() {
    return HexFormat.of().formatHex(nonce);
  }

  /**
   * Orders batches by (time, sender, nonce), the replay cache's key, so concurrent batches take row
   * locks in the same order.
   */
  int compareTo(RequestNonce other) {
    int byTime = Long.compare(requestMillis(), other.requestMillis());
    if (byTime != 0) {
      return byTime;
    }
    int bySender = sender.compareTo(other.sender);
    return bySender != 0 ? bySender : java.util.Arrays.compareUnsigned(nonce, other.nonce);
  }

  /**
   * Refuses a pair whose window has already passed: the caller must refuse such a request as clock
   * skew before asking the cache.
   */
  void requireWithinWindow(long nowMillis) {
    if (expiresMillis() <= nowMillis) {
      throw new IllegalArgumentException(
          "request time is older than the allowed skew: refuse it as clock skew before admit()");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestNonce r
        && sender.equals(r.sender)
        && java.util.Arrays.equals(nonce, r.nonce)
        && requestTime.equals(r.requestTime)
        && skew.equals(r.skew);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sender, java.util.Arrays.hashCode(nonce), requestTime, skew);
  }

  @Override
  public String toString() {
    return "RequestNonce[" + sender + ", " + nonceHex() + "]";
  }
}
