package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalNonceFilterTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration SKEW = Duration.ofMinutes(5);
  private static final long NOW = T.toEpochMilli();
  private final SplittableRandom random = new SplittableRandom(42);

  private RequestNonce nonce(String sender, Instant at) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new RequestNonce(sender, bytes, at, SKEW);
  }

  @Test
  void firstSighting_onlyTheFirstTime() {
    LocalNonceFilter filter = LocalNonceFilter.on(Long.MIN_VALUE);
    RequestNonce n = nonce("alice@corp", T);

    assertThat(filter.firstSighting(n, NOW)).isTrue();
    assertThat(filter.firstSighting(n, NOW)).isFalse();
    assertThat(filter.firstSighting(new RequestNonce("bob@corp", n.nonce(), T, SKEW), NOW))
        .as("the same nonce from another sender")
        .isTrue();
  }

  @Test
  void aNonceAnEarlierProcessMayHaveAdmitted_isAskedOfTheDatabase() {
    long horizon = T.toEpochMilli();
    LocalNonceFilter filter = LocalNonceFilter.on(horizon);

    assertThat(filter.firstSighting(nonce("alice@corp", T), NOW)).isFalse();
    assertThat(filter.firstSighting(nonce("alice@corp", T.minusSeconds(1)), NOW)).isFalse();
    assertThat(filter.firstSighting(nonce("alice@corp", T.plusMillis(1)), NOW)).isTrue();
  }

  @Test
  void off_asksTheDatabaseForEveryNonce() {
    LocalNonceFilter filter = LocalNonceFilter.off();

    assertThat(filter.firstSighting(nonce("alice@corp", T), NOW)).isFalse();
    assertThat(filter.slices()).isZero();
  }

  @Test
  void manyNonces_noneSeenIsMissed_andFewNewOnesAreAskedOfTheDatabase() {
    LocalNonceFilter filter = LocalNonceFilter.on(Long.MIN_VALUE);
    List<RequestNonce> admitted = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      RequestNonce n = nonce("user" + (i % 64) + "@corp", T.plusMillis(i % 10_000));
      filter.firstSighting(n, NOW);
      admitted.add(n);
    }

    assertThat(admitted).noneMatch(n -> filter.firstSighting(n, NOW));
    int asked = 0;
    for (int i = 0; i < 10_000; i++) {
      if (!filter.firstSighting(nonce("user" + (i % 64) + "@corp", T), NOW)) {
        asked++;
      }
    }
    assertThat(asked).as("false positives among 10,000 new nonces").isLessThan(100);
  }

  @Test
  void slicesAreDropped_onceEveryNonceInThemHasExpired() {
    LocalNonceFilter filter = LocalNonceFilter.on(Long.MIN_VALUE);
    RequestNonce early = nonce("alice@corp", T);
    filter.firstSighting(early, NOW);
    filter.firstSighting(nonce("alice@corp", T.plusSeconds(60)), NOW);
    assertThat(filter.slices()).isEqualTo(2);

    long afterEarlyExpired = T.plus(SKEW).plusSeconds(30).toEpochMilli();
    filter.firstSighting(nonce("alice@corp", T.plusSeconds(120)), afterEarlyExpired);

    assertThat(filter.slices()).isEqualTo(2);
  }

  @Test
  void beyondTheMostSlices_noncesAreAskedOfTheDatabase_untilSlicesExpire() {
    LocalNonceFilter filter = LocalNonceFilter.on(Long.MIN_VALUE);
    for (int i = 0; i < LocalNonceFilter.MAX_SLICES; i++) {
      assertThat(filter.firstSighting(nonce("alice@corp", T.plusSeconds(10L * i)), NOW)).isTrue();
    }
    RequestNonce late = nonce("alice@corp", T.plusSeconds(10L * LocalNonceFilter.MAX_SLICES));

    assertThat(filter.firstSighting(late, NOW)).isFalse();
    assertThat(filter.firstSighting(late, NOW)).as("still untracked, never 'new'").isFalse();
    long afterAllButTheLateExpired =
        T.plus(SKEW).plusSeconds(10L * LocalNonceFilter.MAX_SLICES).toEpochMilli();
    RequestNonce later = nonce("alice@corp", T.plusSeconds(10L * LocalNonceFilter.MAX_SLICES + 60));
    assertThat(filter.firstSighting(later, afterAllButTheLateExpired)).isTrue();
  }
}
