package org.kdcmail.qrng.bank;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key bank on a database: embedded Derby (one node) or PostgreSQL (several nodes sharing one
 * bank). A reserver thread removes blocks of encrypted keys from the store (one committed delete
 * per block) into memory, ahead of demand; {@link #take()} pops one and decrypts it. A key leaves
 * the disk before it can be handed out, so after a crash the keys that were in memory are simply
 * gone: discarded, never reissued. Storage format and algorithm: {@code docs/key-bank.md}.
 */
public final class StoredKeyBank implements KeyBank {
  private static final Logger log = LoggerFactory.getLogger(StoredKeyBank.class);
  private static final String KEK_CHECK_SALT = "kek_check_salt";
  private static final String KEK_CHECK = "kek_check";
  private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final KeyBankSettings settings;
  private final JdbcKeyStore store;
  private final Map<BatchId, BatchCipher> ciphers = new ConcurrentHashMap<>();
  private final Map<BatchId, RuntimeException> unreadableBatches = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<StoredKey> inMemory = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inMemoryCount = new AtomicInteger();
  private final AtomicLong storedCount;

  /**
   * Guards the moment a reserved block moves from the stored count to the in-memory count, so the
   * refill never sizes itself on a level that counts those keys twice (it would stop short of the
   * high-water mark) or not at all.
   */
  private final Object levels = new Object();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Refiller refiller;
  private final Thread reserver;
  private final BankMetrics metrics;
  private volatile boolean closed;
  private volatile boolean demanded;
  private volatile boolean storeDry;
  private volatile KeyBankStorageException reserveFailure;
  private volatile int waiters;

  private StoredKeyBank(KeyBankSettings settings, JdbcKeyStore store) {
    this.settings = settings;
    this.store = store;
    this.storedCount = new AtomicLong(store.countKeys());
    this.metrics =
        new BankMetrics(settings.meterRegistry(), this::availableKeys, inMemoryCount::get);
    this.refiller =
        new Refiller(
            settings,
            store,
            this::availableKeys,
            this::onStored,
            this::signalAll,
            this::recountIfShared);
    this.reserver = new Thread(this::reserveLoop, "kdcmail-keybank-reserve");
    reserver.setDaemon(true);
  }

  static StoredKeyBank open(KeyBankSettings requested) {
    KeyBankSettings settings = withOwnKekCopy(requested);
    JdbcKeyStore store = JdbcKeyStore.open(settings.database());
    try {
      checkOrCreateKekCheck(settings, store);
      StoredKeyBank bank = new StoredKeyBank(settings, store);
      bank.start();
      return bank;
    } catch (RuntimeException e) {
      store.close();
      settings.keyEncryptionKey().destroy();
      throw e;
    }
  }

  private static KeyBankSettings withOwnKekCopy(KeyBankSettings s) {
    byte[] kek = s.keyEncryptionKey().copyBytes();
    try {
      return new KeyBankSettings(
          s.database(),
          s.generator(),
          KeyEncryptionKey.copyOf(kek),
          s.lowWaterMark(),
          s.highWaterMark(),
          s.blockSize(),
          s.batchSize(),
          s.insertChunkSize(),
          s.takeTimeout(),
          s.refillRetryInterval(),
          s.backgroundRefill(),
          s.meterRegistry(),
          s.clock());
    } finally {
      java.util.Arrays.fill(kek, (byte) 0);
    }
  }

  private static void checkOrCreateKekCheck(KeyBankSettings settings, JdbcKeyStore store) {
    if (checkKek(settings, store)) {
      return;
    }
    byte[] newSalt = new byte[BatchCipher.SALT_BYTES];
    try {
      settings.generator().nextBytes(newSalt);
    } catch (EntropyUnavailableException e) {
      throw new KeyBankUnavailableException(
          "cannot create the " + settings.database() + ": " + e.getMessage(), e);
    }
    try {
      store.insertMeta(
          KEK_CHECK_SALT, newSalt, KEK_CHECK, KekCheck.seal(settings.keyEncryptionKey(), newSalt));
    } catch (KeyBankStorageException e) {
      // Another node sharing the database may have created the bank at the same moment.
      if (!checkKek(settings, store)) {
        throw e;
      }
    }
  }

  /** True when the bank exists and was created with this KEK; false when it is new. */
  private static boolean checkKek(KeyBankSettings settings, JdbcKeyStore store) {
    Optional<byte[]> salt = store.readMeta(KEK_CHECK_SALT);
    Optional<byte[]> sealed = store.readMeta(KEK_CHECK);
    if (salt.isEmpty() || sealed.isEmpty()) {
      return false;
    }
    if (!KekCheck.matches(settings.keyEncryptionKey(), salt.get(), sealed.get())) {
      throw new KeyBankIntegrityException(
          "the key-encryption key supplied does not match the one the "
              + settings.database()
              + " was created with (its KEK check value failed authentication); supply the"
              + " original KEK. Nothing was read or changed.");
    }
    return true;
  }

  private void start() {
    DrbgDescription drbg = settings.generator().description();
    log.info(
        "key bank open ({}): {} keys stored; low-water {}, high-water {}, block {}, batch {},"
            + " insert chunk {}, take timeout {}, background refill {}; generator {} from {}",
        settings.database(),
        storedCount.get(),
        settings.lowWaterMark(),
        settings.highWaterMark(),
        settings.blockSize(),
        settings.batchSize(),
        settings.insertChunkSize(),
        settings.takeTimeout(),
        settings.backgroundRefill(),
        drbg.mechanism(),
        drbg.source().provenanceLabel());
    reserver.start();
    if (settings.backgroundRefill()) {
      refiller.start();
    }
  }

  @Override
  public BankKey take() {
    ensureOpen();
    demanded = true;
    StoredKey row = inMemory.poll();
    if (row == null) {
      row = awaitKey();
    }
    int left = inMemoryCount.decrementAndGet();
    if (left < settings.blockSize() / 2 + 1) {
      LockSupport.unpark(reserver);
    }
    if (storedCount.get() + left < settings.lowWaterMark()) {
      refiller.wake();
    }
    return open(row);
  }

  private StoredKey awaitKey() {
    long deadline = System.nanoTime() + settings.takeTimeout().toNanos();
    lock.lock();
    waiters++;
    try {
      while (true) {
        StoredKey row = inMemory.poll();
        if (row != null) {
          return row;
        }
        ensureOpen();
        failIfDry();
        LockSupport.unpark(reserver);
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new KeyBankUnavailableException(
              "the key bank is empty and the refill delivered no key within "
                  + settings.takeTimeout()
                  + "; the generator may be slow. Retry later, or raise the low-water mark so"
                  + " the bank refills earlier");
        }
        changed.awaitNanos(Math.min(remaining, WAIT_SLICE_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyBankUnavailableException("interrupted while waiting for a key", e);
    } finally {
      waiters--;
      lock.unlock();
    }
  }

  private void failIfDry() {
    KeyBankStorageException storage = reserveFailure;
    if (storage != null) {
      throw new KeyBankStorageException(storage.getMessage(), storage);
    }
    if (!storeDry || storedCount.get() > 0) {
      return;
    }
    EntropyUnavailableException failure = refiller.failure();
    if (failure != null) {
      throw new KeyBankUnavailableException(
          "the key bank is empty and cannot refill because its generator failed: "
              + failure.getMessage()
              + ". No other source is used. Fix or reset the entropy source (see `kdcmail qrng"
              + " selftest`); the bank refills on its own once the generator works again",
          failure);
    }
    if (!settings.backgroundRefill()) {
      throw new KeyBankUnavailableException(
          "the key bank is empty and its background refill is disabled; open it with"
              + " backgroundRefill(true) to generate keys");
    }
  }

  private BankKey open(StoredKey row) {
    BatchCipher cipher = ciphers.get(row.batchId());
    if (cipher == null) {
      metrics.integrityFailures.increment();
      RuntimeException cause = unreadableBatches.get(row.batchId());
      throw new KeyBankIntegrityException(
          "stored key "
              + row.id()
              + " was discarded because its batch record could not be read ("
              + (cause == null ? "missing" : cause.getMessage())
              + "); the next take() continues with the next key",
          cause);
    }
    try {
      BankKey key =
          new BankKey(row.id(), cipher.open(row.sequence(), row.ciphertext()), cipher.provenance());
      metrics.taken.increment();
      return key;
    } catch (GeneralSecurityException e) {
      metrics.integrityFailures.increment();
      log.error("key bank: stored key {} failed authentication; discarded", row.id());
      throw new KeyBankIntegrityException(
          "stored key "
              + row.id()
              + " failed authentication (the row or its batch record was modified, swapped or"
              + " corrupted); it was discarded and will not be handed out. Check the database"
              + " for tampering; the next take() continues with the next key",
          e);
    }
  }

  private void reserveLoop() {
    while (!closed) {
      int held = inMemoryCount.get();
      boolean wanted = held < waiters || (demanded && held <= settings.blockSize() / 2);
      if (!wanted) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
        continue;
      }
      try {
        reserveBlock();
        reserveFailure = null;
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        log.error("key bank could not reserve keys; retrying: {}", e.getMessage());
        reserveFailure =
            e instanceof KeyBankStorageException storage
                ? storage
                : new KeyBankStorageException("could not reserve keys: " + e, e);
        signalAll();
        LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  private void reserveBlock() {
    List<StoredKey> block;
    synchronized (levels) { // rows leave the store and enter memory in one step for availableKeys()
      block = store.reserve(settings.blockSize());
      if (!block.isEmpty()) {
        storeDry = false; // before the stored count drops, so no waiter sees "dry" in between
        storedCount.addAndGet(-block.size());
        inMemoryCount.addAndGet(block.size());
      }
    }
    if (block.isEmpty()) {
      storeDry = true;
      refiller.wake();
      signalAll();
      // Woken early by the refill's next commit or by a waiting take().
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(500));
      return;
    }
    block.stream().map(StoredKey::batchId).distinct().forEach(this::loadCipher);
    inMemory.addAll(block);
    metrics.reserved.increment(block.size());
    signalAll();
  }

  private void loadCipher(BatchId id) {
    if (ciphers.containsKey(id) || unreadableBatches.containsKey(id)) {
      return;
    }
    try {
      StoredBatch batch = store.loadBatch(id);
      if (batch.formatVersion() != BatchCipher.FORMAT_VERSION) {
        throw new KeyBankIntegrityException(
            "batch " + id + " has unsupported format version " + batch.formatVersion());
      }
      ciphers.put(
          id, new BatchCipher(settings.keyEncryptionKey(), batch.salt(), batch.provenance()));
    } catch (KeyBankStorageException | IllegalArgumentException e) {
      log.error(
          "key bank: batch {} cannot be read; its keys will be discarded: {}", id, e.getMessage());
      unreadableBatches.put(id, e);
    }
  }

  /**
   * With a database shared by several nodes, the others take and store keys too: the level this
   * node tracks is corrected from the database before each refill decision.
   */
  private void recountIfShared() {
    if (store.shared()) {
      storedCount.set(store.countKeys());
    }
  }

  private void onStored(int count) {
    storedCount.addAndGet(count);
    metrics.generated.increment(count);
    LockSupport.unpark(reserver);
    signalAll();
  }

  private void signalAll() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long availableKeys() {
    synchronized (levels) {
      return storedCount.get() + inMemoryCount.get();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the key bank is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      refiller.stop();
      LockSupport.unpark(reserver);
      reserver.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    signalAll();
    int discarded = inMemoryCount.getAndSet(0);
    inMemory.clear();
    ciphers.values().forEach(BatchCipher::destroy);
    ciphers.clear();
    store.close();
    settings.keyEncryptionKey().destroy();
    log.info(
        "key bank closed ({}); {} reserved keys discarded, {} stored",
        settings.database(),
        discarded,
        storedCount.get());
  }
}
