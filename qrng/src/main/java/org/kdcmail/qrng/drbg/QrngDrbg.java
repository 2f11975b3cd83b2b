package org.kdcmail.qrng.drbg;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropyUnavailableException;
import org.kdcmail.qrng.RandomBitGenerator;

/**
 * SP 800-90A Rev. 1 Hash_DRBG over SHA-512 at 256-bit security strength (Bouncy Castle's {@code
 * HashSP800DRBG}), seeded, reseeded and given its nonce only by one {@link EntropySource}. In
 * production that source is the health-tested QRNG source, which throws once its SP 800-90B tests
 * have FAILED; this class trusts the source's declared min-entropy per sample.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Instantiation reads {@code ceil(128 / H)} samples of nonce and {@code ceil(256 / H)}
 *       samples of entropy input, H being the source's declared min-entropy per sample. Every
 *       reseed reads {@code ceil(256 / H)} samples.
 *   <li>The personalization string holds the node identity, start time and process id, so nodes
 *       cloned from one snapshot produce different streams.
 *   <li>It reseeds before the request that would exceed the reseed interval, and before every
 *       request when prediction resistance is on. Output larger than 2^18 bits (32 KiB) is split
 *       into several requests, each counted.
 *   <li>If that reseed fails, {@link #nextBytes} throws {@link EntropyUnavailableException}, zeroes
 *       the output and leaves the state as it was: every later call retries the reseed and fails
 *       again while the source is failed. No output ever comes from a state past its reseed limit.
 *   <li>Nothing is generated ahead of a request. Thread safe: requests are serialized.
 * </ul>
 */
public final class QrngDrbg implements RandomBitGenerator {
  /**
   * Default reseed interval: 2^16 generate requests. SP 800-90A allows up to 2^48 for Hash_DRBG; a
   * far smaller interval bounds what one seed protects (2 MiB of 32-byte keys) and how long a
   * compromised state stays useful, while a reseed (256 bits from the source, one Hash_df) costs
   * less than 0.01% of throughput at this interval.
   */
  public static final long DEFAULT_RESEED_INTERVAL_REQUESTS = 1L << 16;

  private final SampleEntropyInput entropy;
  private final DrbgDescription description;
  private final ReentrantLock lock = new ReentrantLock();
  private final SP80090DRBG drbg;
  private long requestsSinceReseed;

  private QrngDrbg(Builder builder, SampleEntropyInput entropy) {
    this.entropy = entropy;
    this.description =
        new DrbgDescription(
            HashDrbgMechanism.NAME,
            HashDrbgMechanism.SECURITY_STRENGTH_BITS,
            builder.reseedIntervalRequests,
            builder.predictionResistance,
            entropy.descriptor());
    byte[] personalization =
        new Personalization(builder.nodeIdentity, builder.startTime, builder.processId).toBytes();
    try {
      this.drbg = HashDrbgMechanism.instantiate(entropy, personalization);
    } catch (EntropyUnavailableException e) {
      throw new EntropyUnavailableException(
          "cannot instantiate the DRBG: " + sourceFailure("instantiation"), e);
    }
  }

  /**
   * Starts a builder for a DRBG seeded from {@code source}: in production a health-tested source,
   * which fails instead of delivering samples once its health tests have failed.
   */
  public static Builder builder(EntropySource source) {
    return new Builder(source);
  }

  @Override
  public void nextBytes(byte[] output) {
    Objects.requireNonNull(output, "output");
    lock.lock();
    try {
      for (int offset = 0; offset < output.length; ) {
        int length = Math.min(HashDrbgMechanism.MAX_BYTES_PER_REQUEST, output.length - offset);
        generate(output, offset, length);
        offset += length;
      }
    } catch (RuntimeException e) {
      Arrays.fill(output, (byte) 0);
      throw e;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DrbgDescription description() {
    return description;
  }

  @Override
  public String toString() {
    return "QrngDrbg[" + description + "]";
  }

  private void generate(byte[] output, int offset, int length) {
    if (description.predictionResistance()
        || requestsSinceReseed >= description.reseedIntervalRequests()) {
      reseed();
    }
    boolean whole = offset == 0 && length == output.length;
    byte[] block = whole ? output : new byte[length];
    if (drbg.generate(block, null, false) < 0) {
      throw new IllegalStateException("Hash_DRBG refused a request: reseed counter exhausted");
    }
    requestsSinceReseed++;
    if (!whole) {
      System.arraycopy(block, 0, output, offset, length);
      Arrays.fill(block, (byte) 0);
    }
  }

  private void reseed() {
    try {
      drbg.reseed(null);
    } catch (EntropyUnavailableException e) {
      throw new EntropyUnavailableException(sourceFailure("reseed"), e);
    }
    requestsSinceReseed = 0;
  }

  private String sourceFailure(String step) {
    return "DRBG "
        + step
        + " failed: entropy source "
        + entropy.descriptor().provenanceLabel()
        + " could not deliver "
        + entropy.entropySamples()
        + " samples. No random output is produced until the source works again"
        + " (a source whose health tests FAILED must be reset by an operator).";
  }

  /** Configures and instantiates a {@link QrngDrbg}. Not thread safe; use once. */
  public static final class Builder {
    private final EntropySource source;
    private String nodeIdentity;
    private Instant startTime;
    private long processId = ProcessHandle.current().pid();
    private long reseedIntervalRequests = DEFAULT_RESEED_INTERVAL_REQUESTS;
    private boolean predictionResistance;

    private Builder(EntropySource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /** Required: a stable name unique to this KDC node; goes into the personalization string. */
    public Builder nodeIdentity(String nodeIdentity) {
      this.nodeIdentity = Objects.requireNonNull(nodeIdentity, "nodeIdentity");
      return this;
    }

    /** When this instance starts; goes into the personalization string. Default: now. */
    public Builder startTime(Instant startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      return this;
    }

    /**
     * Generate requests between reseeds, from 1 to 2^47. Default {@link
     * #DEFAULT_RESEED_INTERVAL_REQUESTS}.
     */
    public Builder reseedIntervalRequests(long requests) {
      if (requests < 1 || requests > HashDrbgMechanism.MAX_RESEED_INTERVAL) {
        throw new IllegalArgumentException(
            "reseed interval must be in [1, 2^47] requests, got " + requests);
      }
      this.reseedIntervalRequests = requests;
      return this;
    }

    /** When true, every request reseeds from the source first. Default false. */
    public Builder predictionResistance(boolean predictionResistance) {
      this.predictionResistance = predictionResistance;
      return this;
    }

    /**
     * Reads the nonce and entropy input from the source and instantiates the DRBG.
     *
     * @throws IllegalStateException when no node identity was given
     * @throws IllegalArgumentException when the source declares too little min-entropy per sample
     * @throws EntropyUnavailableException when the source cannot deliver
     */
    public QrngDrbg build() {
      if (nodeIdentity == null) {
        throw new IllegalStateException("a node identity is required (fork/clone safety)");
      }
      if (startTime == null) {
        startTime = Instant.now();
      }
      SampleEntropyInput entropy =
          new SampleEntropyInput(source, HashDrbgMechanism.SECURITY_STRENGTH_BITS);
      return new QrngDrbg(this, entropy);
    }
  }
}
