package org.kdcmail.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.kdcmail.qrng.drbg.QrngDrbg;
import org.kdcmail.qrng.health.HealthTestedSource;
import org.kdcmail.qrng.source.SystemEntropySource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The product's DRBG (Hash_DRBG/SHA-512 from Bouncy Castle, seeded through the health tests)
 * against the baseline {@code SecureRandom.getInstance("DRBG")} of the JDK at the same 256-bit
 * strength, for 32-byte keys and for bulk output. One thread: the targets are per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DrbgBenchmark {

  /** Bytes per request: a 32-byte key, or 64 KiB of bulk output. */
  @Param({"32", "65536"})
  public int requestBytes;

  private QrngDrbg product;
  private SecureRandom jdkBaseline;
  private byte[] output;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    product =
        QrngDrbg.builder(
                new HealthTestedSource(new SystemEntropySource(), new SimpleMeterRegistry()))
            .nodeIdentity("bench")
            .build();
    jdkBaseline =
        SecureRandom.getInstance(
            "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
    output = new byte[requestBytes];
  }

  @Benchmark
  public byte[] productDrbg() {
    product.nextBytes(output);
    return output;
  }

  @Benchmark
  public byte[] jdkDrbgBaseline() {
    jdkBaseline.nextBytes(output);
    return output;
  }
}
