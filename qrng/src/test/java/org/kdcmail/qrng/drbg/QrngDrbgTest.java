package org.kdcmail.qrng.drbg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.kdcmail.qrng.SourceKind;

class QrngDrbgTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final HexFormat HEX = HexFormat.of();

  private static QrngDrbg.Builder builder(CountingEntropySource source) {
    return QrngDrbg.builder(source).nodeIdentity("kdc-1").startTime(START);
  }

  private static byte[] key(QrngDrbg drbg) {
    byte[] key = new byte[32];
    drbg.nextBytes(key);
    return key;
  }

  @Test
  void nextBytes_reseedDueAndSourceFailed_throwsOnEveryCallUntilSourceRecovers() {
    CountingEntropySource source = new CountingEntropySource();
    QrngDrbg drbg = builder(source).reseedIntervalRequests(3).build();
    source.failFromNow();
    for (int i = 0; i < 3; i++) {
      key(drbg); // within the reseed interval: no reseed needed yet
    }

    byte[] output = new byte[32];
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> drbg.nextBytes(output))
          .isInstanceOf(EntropyUnavailableException.class)
          .hasMessageContaining("reseed failed")
          .hasMessageContaining("test:counting (test only, not quantum)")
          .hasCauseInstanceOf(EntropyUnavailableException.class);
      assertThat(output).containsOnly(0);
    }
    assertThat(source.reads()).as("nonce, entropy, then one retried reseed per call").isEqualTo(5);

    source.recover();
    assertThat(key(drbg)).isNotEqualTo(new byte[32]);
    assertThat(source.reads()).isEqualTo(6);
  }

  @Test
  void nextBytes_reseedIntervalReached_reseedsBeforeTheNextRequest() {
    CountingEntropySource source = new CountingEntropySource();
    QrngDrbg drbg = builder(source).reseedIntervalRequests(2).build();
    assertThat(source.reads()).isEqualTo(2);

    key(drbg);
    key(drbg);
    assertThat(source.reads()).isEqualTo(2);
    key(drbg);
    assertThat(source.reads()).isEqualTo(3);
  }

  @Test
  void nextBytes_predictionResistance_readsSourceOnEveryRequest() {
    CountingEntropySource source = new CountingEntropySource();
    QrngDrbg drbg = builder(source).predictionResistance(true).build();

    for (int i = 1; i <= 5; i++) {
      key(drbg);
      assertThat(source.reads()).isEqualTo(2 + i);
    }
    source.failFromNow();
    assertThatThrownBy(() -> key(drbg)).isInstanceOf(EntropyUnavailableException.class);
  }

  @Test
  void nextBytes_differentNodeIdentitiesSameEntropyAndTime_produceDifferentStreams() {
    QrngDrbg a = builder(new CountingEntropySource()).nodeIdentity("kdc-a").build();
    QrngDrbg b = builder(new CountingEntropySource()).nodeIdentity("kdc-b").build();
    QrngDrbg aAgain = builder(new CountingEntropySource()).nodeIdentity("kdc-a").build();

    byte[] fromA = key(a);
    assertThat(key(b)).isNotEqualTo(fromA);
    assertThat(key(aAgain)).as("same inputs, same stream").isEqualTo(fromA);
  }

  @Test
  void nextBytes_differentStartTimes_produceDifferentStreams() {
    QrngDrbg a = builder(new CountingEntropySource()).build();
    QrngDrbg b = builder(new CountingEntropySource()).startTime(START.plusNanos(1)).build();

    assertThat(key(b)).isNotEqualTo(key(a));
  }

  @Test
  void nextBytes_manyKeys_noneZeroNoneRepeated() {
    QrngDrbg drbg = builder(new CountingEntropySource()).reseedIntervalRequests(100).build();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      byte[] key = key(drbg);
      assertThat(key).isNotEqualTo(new byte[32]);
      assertThat(seen.add(HEX.formatHex(key))).isTrue();
    }
  }

  @Test
  void nextBytes_outputLargerThanOneRequest_isFilledAndCountedPerRequest() {
    CountingEntropySource source = new CountingEntropySource();
    QrngDrbg drbg = builder(source).reseedIntervalRequests(2).build();
    byte[] big = new byte[HashDrbgMechanism.MAX_BYTES_PER_REQUEST * 2 + 10];

    drbg.nextBytes(big);

    assertThat(source.reads()).as("three requests, one reseed").isEqualTo(3);
    byte[] tail = new byte[32];
    System.arraycopy(big, big.length - 32, tail, 0, 32);
    assertThat(tail).isNotEqualTo(new byte[32]);
  }

  @Test
  void nextBytes_concurrentCallers_allGetDistinctKeys() throws InterruptedException {
    QrngDrbg drbg = builder(new CountingEntropySource()).reseedIntervalRequests(50).build();
    Set<String> keys = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 2_000; i++) {
              keys.add(HEX.formatHex(key(drbg)));
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keys).hasSize(8_000);
  }

  @Test
  void build_readsNonceAndEntropySizedByMinEntropyPerSample() {
    CountingEntropySource fullBytes = new CountingEntropySource(8.0, false);
    builder(fullBytes).build();
    assertThat(fullBytes.readLengths()).containsExactly(16, 32);

    CountingEntropySource weakBytes = new CountingEntropySource(3.0, false);
    builder(weakBytes).build();
    assertThat(weakBytes.readLengths()).containsExactly(43, 86); // ceil(128/3), ceil(256/3)

    CountingEntropySource bits = new CountingEntropySource(0.5, true);
    QrngDrbg drbg = builder(bits).predictionResistance(true).build();
    key(drbg);
    assertThat(bits.readLengths()).containsExactly(256, 512, 512);
  }

  @Test
  void build_sourceFailing_throwsEntropyUnavailable() {
    CountingEntropySource source = new CountingEntropySource().failFromRead(2);
    assertThatThrownBy(() -> builder(source).build())
        .isInstanceOf(EntropyUnavailableException.class)
        .hasMessageContaining("instantiation failed");
  }

  @Test
  void build_withoutNodeIdentityOrWithBadInterval_rejects() {
    CountingEntropySource source = new CountingEntropySource();
    assertThatThrownBy(() -> QrngDrbg.builder(source).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> QrngDrbg.builder(source).nodeIdentity(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrngDrbg.builder(source).reseedIntervalRequests(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrngDrbg.builder(source).reseedIntervalRequests((1L << 47) + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(source.reads()).isZero();
  }

  @Test
  void description_reportsMechanismStrengthReseedPolicyAndSource() {
    CountingEntropySource source = new CountingEntropySource();

    DrbgDescription defaults = builder(source).build().description();
    assertThat(defaults.mechanism()).isEqualTo("Hash_DRBG/SHA-512");
    assertThat(defaults.securityStrengthBits()).isEqualTo(256);
    assertThat(defaults.reseedIntervalRequests()).isEqualTo(65_536);
    assertThat(defaults.predictionResistance()).isFalse();
    assertThat(defaults.source()).isEqualTo(source.descriptor());
    assertThat(defaults.source().kind()).isEqualTo(SourceKind.TEST);

    DrbgDescription tuned =
        builder(source).reseedIntervalRequests(10).predictionResistance(true).build().description();
    assertThat(tuned.reseedIntervalRequests()).isEqualTo(10);
    assertThat(tuned.predictionResistance()).isTrue();
  }
}
