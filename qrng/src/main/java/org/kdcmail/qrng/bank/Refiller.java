package org.kdcmail.qrng.bank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.kdcmail.qrng.RandomBitGenerator;
import org.kdcmail.qrng.SourceDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background refill: when fewer than the low-water mark keys are available, draws keys from the
 * generator up to the high-water mark, seals them and stores them in chunks (one commit each). A
 * generator failure is recorded (so empty-bank takes fail promptly) and retried after the retry
 * interval with the same generator; there is no other source to fall back on.
 */
final class Refiller {
  private static final Logger log = LoggerFactory.getLogger(Refiller.class);
  private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final KeyBankSettings settings;
  private final JdbcKeyStore store;
  private final Runnable recount;
  private final LongSupplier available;
  private final IntConsumer onStored;
  private final Runnable onFailure;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile EntropyUnavailableException failure;

  Refiller(
      KeyBankSettings settings,
      JdbcKeyStore store,
      LongSupplier available,
      IntConsumer onStored,
      Runnable onFailure,
      Runnable recount) {
    this.settings = settings;
    this.store = store;
    this.available = available;
    this.onStored = onStored;
    this.onFailure = onFailure;
    this.recount = recount;
    this.thread = new Thread(this::run, "kdcmail-keybank-refill");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Asks the refill to look at the fill level now instead of at its next poll. */
  void wake() {
    LockSupport.unpark(thread);
  }

  /** The generator's last failure, or null once a refill has succeeded since. */
  EntropyUnavailableException failure() {
    return failure;
  }

  void stop() throws InterruptedException {
    stopped = true;
    LockSupport.unpark(thread);
    thread.join(TimeUnit.SECONDS.toMillis(30));
  }

  private void run() {
    while (!stopped) {
      try {
        recount.run();
      } catch (KeyBankStorageException e) {
        log.warn("key bank could not count the stored keys: {}", e.getMessage());
      }
      if (available.getAsLong() < settings.lowWaterMark()) {
        try {
          refill();
        } catch (RuntimeException e) {
          log.error("key bank refill failed unexpectedly; retrying", e);
          pauseBeforeRetry();
        }
      } else {
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      }
    }
  }

  private void refill() {
    long start = System.nanoTime();
    long before = available.getAsLong();
    int stored = 0;
    SealingBatch batch = null;
    try {
      long missing;
      while (!stopped && (missing = settings.highWaterMark() - available.getAsLong()) > 0) {
        if (batch == null || batch.remaining() == 0) {
          batch = newBatch();
        }
        int n = (int) Math.min(Math.min(missing, settings.insertChunkSize()), batch.remaining());
        batch.storeChunk(n);
        stored += n;
        onStored.accept(n);
      }
      failure = null;
      log.info(
          "key bank refilled {} keys in {} ms: {} -> {} available",
          stored,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
          before,
          available.getAsLong());
    } catch (EntropyUnavailableException e) {
      if (failure == null) {
        log.warn(
            "key bank refill stopped after {} keys: the generator failed ({}); {} keys remain;"
                + " retrying every {}",
            stored,
            e.getMessage(),
            available.getAsLong(),
            settings.refillRetryInterval());
      }
      failure = e;
      onFailure.run();
      pauseBeforeRetry();
    } catch (KeyBankStorageException e) {
      log.error("key bank refill could not store keys; retrying: {}", e.getMessage());
      pauseBeforeRetry();
    } finally {
      if (batch != null) {
        batch.cipher.destroy();
      }
    }
  }

  private void pauseBeforeRetry() {
    LockSupport.parkNanos(this, settings.refillRetryInterval().toNanos());
  }

  private SealingBatch newBatch() {
    RandomBitGenerator generator = settings.generator();
    byte[] id = new byte[BatchId.LENGTH_BYTES];
    byte[] salt = new byte[BatchCipher.SALT_BYTES];
    generator.nextBytes(id);
    generator.nextBytes(salt);
    SourceDescriptor source = generator.description().source();
    KeyProvenance provenance =
        new KeyProvenance(
            source.id(), source.kind(), BatchId.fromBytes(id), settings.clock().instant());
    StoredBatch batch = new StoredBatch(provenance, BatchCipher.FORMAT_VERSION, salt);
    log.info(
        "key bank starting batch {} from {} ({} keys at most)",
        provenance.batchId(),
        provenance.sourceLabel(),
        settings.batchSize());
    return new SealingBatch(batch, new BatchCipher(settings.keyEncryptionKey(), salt, provenance));
  }

  /** A batch being filled: its stored record, its cipher and the next sequence number. */
  private final class SealingBatch {
    private final StoredBatch batch;
    private final BatchCipher cipher;
    private int nextSequence;

    SealingBatch(StoredBatch batch, BatchCipher cipher) {
      this.batch = batch;
      this.cipher = cipher;
    }

    int remaining() {
      return settings.batchSize() - nextSequence;
    }

    void storeChunk(int n) {
      List<byte[]> sealed = new ArrayList<>(n);
      byte[] key = new byte[KeyMaterial.LENGTH_BYTES];
      try {
        for (int i = 0; i < n; i++) {
          settings.generator().nextBytes(key);
          sealed.add(cipher.seal(nextSequence + i, key));
        }
      } finally {
        Arrays.fill(key, (byte) 0);
      }
      store.insertChunk(batch, nextSequence, sealed);
      nextSequence += n;
      if (remaining() == 0) {
        cipher.destroy();
      }
    }
  }
}
