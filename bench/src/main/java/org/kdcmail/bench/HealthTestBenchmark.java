package org.kdcmail.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;
import org.kdcmail.qrng.health.HealthTestedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the SP 800-90B health tests per megabyte of raw samples: a fast in-memory noise
 * source read directly, the same source read through {@link HealthTestedSource}, and the baseline
 * of the JDK's DRBG producing the same megabyte. Time per MB (lower is better).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HealthTestBenchmark {
  private static final int MEGABYTE = 1 << 20;

  private EntropySource raw;
  private HealthTestedSource tested;
  private SecureRandom jdkBaseline;
  private final byte[] buffer = new byte[MEGABYTE];

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    raw = new PrecomputedNoise();
    tested = new HealthTestedSource(new PrecomputedNoise(), new SimpleMeterRegistry());
    jdkBaseline =
        SecureRandom.getInstance(
            "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
  }

  @Benchmark
  public byte[] rawSourceOnly() {
    raw.readSamples(buffer, 0, MEGABYTE);
    return buffer;
  }

  @Benchmark
  public byte[] healthTestedSource() {
    tested.readSamples(buffer, 0, MEGABYTE);
    return buffer;
  }

  @Benchmark
  public byte[] jdkDrbgBaseline() {
    jdkBaseline.nextBytes(buffer);
    return buffer;
  }

  /** Replays 16 MiB of pseudo-random noise, so the measured cost is the tests, not a device. */
  static final class PrecomputedNoise implements EntropySource {
    private final byte[] noise = new byte[16 * MEGABYTE];
    private int position;

    PrecomputedNoise() {
      SplittableRandom random = new SplittableRandom(42);
      for (int i = 0; i < noise.length; i += 8) {
        long word = random.nextLong();
        for (int j = 0; j < 8; j++) {
          noise[i + j] = (byte) (word >>> (8 * j));
        }
      }
    }

    @Override
    public SourceDescriptor descriptor() {
      return new SourceDescriptor("bench-noise", SourceKind.TEST, 8.0, false);
    }

    @Override
    public void readSamples(byte[] target, int offset, int length) {
      while (length > 0) {
        int chunk = Math.min(length, noise.length - position);
        System.arraycopy(noise, position, target, offset, chunk);
        position = (position + chunk) % noise.length;
        offset += chunk;
        length -= chunk;
      }
    }

    @Override
    public void close() {}
  }
}
