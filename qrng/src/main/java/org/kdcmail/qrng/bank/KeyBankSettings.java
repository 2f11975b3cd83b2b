package org.kdcmail.qrng.bank;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.kdcmail.qrng.RandomBitGenerator;

/** The validated, sealed configuration of one bank; built by {@link KeyBankBuilder}. */
record KeyBankSettings(
    BankDatabase database,
    RandomBitGenerator generator,
    KeyEncryptionKey keyEncryptionKey,
    int lowWaterMark,
    int highWaterMark,
    int blockSize,
    int batchSize,
    int insertChunkSize,
    Duration takeTimeout,
    Duration refillRetryInterval,
    boolean backgroundRefill,
    MeterRegistry meterRegistry,
    Clock clock) {

  KeyBankSettings {
    Objects.requireNonNull(database, "directory or postgresql database is required");
    Objects.requireNonNull(generator, "generator is required");
    Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey is required");
    Objects.requireNonNull(takeTimeout, "takeTimeout");
    Objects.requireNonNull(refillRetryInterval, "refillRetryInterval");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(clock, "clock");
    require(lowWaterMark >= 0, "lowWaterMark must not be negative");
    require(highWaterMark >= 1, "highWaterMark must be positive");
    require(lowWaterMark <= highWaterMark, "lowWaterMark must not exceed highWaterMark");
    require(blockSize >= 1 && blockSize <= 100_000, "blockSize must be in 1..100000");
    require(batchSize >= 1, "batchSize must be positive");
    require(
        insertChunkSize >= 1 && insertChunkSize <= 100_000, "insertChunkSize must be in 1..100000");
    require(!takeTimeout.isNegative(), "takeTimeout must not be negative");
    require(
        refillRetryInterval.compareTo(Duration.ofMillis(10)) >= 0, "refillRetryInterval >= 10ms");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
