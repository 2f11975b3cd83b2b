package org.kdcmail.qrng.bank;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.kdcmail.qrng.RandomBitGenerator;

/**
 * Configures and opens a {@link StoredKeyBank}: where ({@link #directory} for embedded Derby, or
 * {@link #postgresql} for a database several KDC nodes share), {@link #generator} and {@link
 * #keyEncryptionKey} are required; everything else has a default suited to one KDC node issuing a
 * few hundred keys per second with bursts. {@link #open()} validates the settings and seals them.
 */
public final class KeyBankBuilder {
  /** Default low-water mark: refill starts when fewer keys than this are available. */
  public static final int DEFAULT_LOW_WATER_MARK = 10_000;

  /** Default high-water mark: a refill stops once this many keys are available. */
  public static final int DEFAULT_HIGH_WATER_MARK = 50_000;

  /** Default number of keys removed from the store per reservation transaction. */
  public static final int DEFAULT_BLOCK_SIZE = 1_024;

  /** Default number of keys per batch (one batch id, salt and provenance record). */
  public static final int DEFAULT_BATCH_SIZE = 10_000;

  /** Default number of key rows inserted per refill transaction. */
  public static final int DEFAULT_INSERT_CHUNK_SIZE = 1_000;

  /** Default time {@link KeyBank#take()} waits for a refill when the bank is empty. */
  public static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);

  /** Default pause before the refill retries a failed generator or database. */
  public static final Duration DEFAULT_REFILL_RETRY_INTERVAL = Duration.ofSeconds(5);

  private Path directory;
  private String postgresqlUrl;
  private String postgresqlUser;
  private String postgresqlPassword;
  private RandomBitGenerator generator;
  private KeyEncryptionKey keyEncryptionKey;
  private int lowWaterMark = DEFAULT_LOW_WATER_MARK;
  private int highWaterMark = DEFAULT_HIGH_WATER_MARK;
  private int blockSize = DEFAULT_BLOCK_SIZE;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private int insertChunkSize = DEFAULT_INSERT_CHUNK_SIZE;
  private Duration takeTimeout = DEFAULT_TAKE_TIMEOUT;
  private Duration refillRetryInterval = DEFAULT_REFILL_RETRY_INTERVAL;
  private boolean backgroundRefill = true;
  private MeterRegistry meterRegistry;
  private Clock clock = Clock.systemUTC();

  KeyBankBuilder() {}

  /** The bank in embedded Derby: its home; the database lives in {@code directory/db}. */
  public KeyBankBuilder directory(Path directory) {
    this.directory = directory;
    return this;
  }

  /**
   * The bank in PostgreSQL ({@code jdbc:postgresql://host:port/database}), shared by every KDC node
   * pointed at it; {@code user} and {@code password} may be null (trust, {@code .pgpass}, client
   * certificates). The tables are created or migrated by Flyway on open and may share the database
   * and schema with the KDC store. Replaces {@link #directory}.
   */
  public KeyBankBuilder postgresql(String url, String user, String password) {
    this.postgresqlUrl = url;
    this.postgresqlUser = user;
    this.postgresqlPassword = password;
    return this;
  }

  /** Required: the only source of key bytes, batch ids and salts. Never replaced or bypassed. */
  public KeyBankBuilder generator(RandomBitGenerator generator) {
    this.generator = generator;
    return this;
  }

  /** Required: the KEK; the bank keeps its own copy and destroys it on close. */
  public KeyBankBuilder keyEncryptionKey(KeyEncryptionKey keyEncryptionKey) {
    this.keyEncryptionKey = keyEncryptionKey;
    return this;
  }

  /** Refill starts below this many available keys. Default 10,000. */
  public KeyBankBuilder lowWaterMark(int keys) {
    this.lowWaterMark = keys;
    return this;
  }

  /** Refill stops at this many available keys. Default 50,000. */
  public KeyBankBuilder highWaterMark(int keys) {
    this.highWaterMark = keys;
    return this;
  }

  /**
   * Keys removed from the store per reservation (one commit). Larger blocks raise throughput and
   * the number of keys discarded by a crash (at most two blocks per process lifetime). Default
   * 1,024.
   */
  public KeyBankBuilder blockSize(int keys) {
    this.blockSize = keys;
    return this;
  }

  /** Keys per batch: the unit of provenance and revocation. Default 10,000. */
  public KeyBankBuilder batchSize(int keys) {
    this.batchSize = keys;
    return this;
  }

  /** Key rows per refill transaction. Default 1,000. */
  public KeyBankBuilder insertChunkSize(int keys) {
    this.insertChunkSize = keys;
    return this;
  }

  /** How long {@link KeyBank#take()} waits for a refill when empty. Default 10 s. */
  public KeyBankBuilder takeTimeout(Duration timeout) {
    this.takeTimeout = timeout;
    return this;
  }

  /** Pause before retrying a failed generator or database write. Default 5 s. */
  public KeyBankBuilder refillRetryInterval(Duration interval) {
    this.refillRetryInterval = interval;
    return this;
  }

  /**
   * Whether the background refill runs. Default true. With false the bank only hands out the keys
   * already stored (for tools and tests) and {@code take()} fails at once when they run out.
   */
  public KeyBankBuilder backgroundRefill(boolean enabled) {
    this.backgroundRefill = enabled;
    return this;
  }

  /** Where to register the bank's gauges and counters. Default: a private registry. */
  public KeyBankBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = registry;
    return this;
  }

  /** The clock stamped into batch provenance. Default UTC system clock. */
  public KeyBankBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Validates the settings and opens the bank, creating the database on first use.
   *
   * @throws IllegalArgumentException for invalid or missing settings
   * @throws KeyBankIntegrityException when the KEK is not the one the bank was created with
   * @throws KeyBankStorageException when the database cannot be opened
   */
  public StoredKeyBank open() {
    if (directory == null && postgresqlUrl == null) {
      throw new IllegalArgumentException("directory or postgresql database is required");
    }
    return StoredKeyBank.open(
        new KeyBankSettings(
            postgresqlUrl != null
                ? new PostgresqlBankDatabase(postgresqlUrl, postgresqlUser, postgresqlPassword)
                : DerbyBankDatabase.in(directory),
            generator,
            keyEncryptionKey,
            lowWaterMark,
            highWaterMark,
            blockSize,
            batchSize,
            insertChunkSize,
            takeTimeout,
            refillRetryInterval,
            backgroundRefill,
            meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry,
            clock));
  }
}
