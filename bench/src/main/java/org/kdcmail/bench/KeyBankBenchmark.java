package org.kdcmail.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kdcmail.qrng.bank.BankKey;
import org.kdcmail.qrng.bank.KeyBank;
import org.kdcmail.qrng.bank.KeyEncryptionKey;
import org.kdcmail.qrng.drbg.QrngDrbg;
import org.kdcmail.qrng.health.HealthTestedSource;
import org.kdcmail.qrng.source.SystemEntropySource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code KeyBank.take()} on a durable Derby bank on disk while the background refill runs (the
 * product DRBG seeded through the health tests), against the baseline of drawing a 32-byte key
 * straight from the JDK's {@code SecureRandom.getInstance("DRBG")} shared by the same threads. Run
 * with {@code -t 1} and {@code -t 8}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyBankBenchmark {
  private static final int PREFILLED_KEYS = 1_500_000;

  private Path directory;
  private KeyBank bank;
  private SecureRandom jdkBaseline;

  @Setup(Level.Trial)
  public void setUp() throws IOException, NoSuchAlgorithmException, InterruptedException {
    directory = Files.createTempDirectory("kdcmail-bench-bank");
    QrngDrbg drbg =
        QrngDrbg.builder(
                new HealthTestedSource(new SystemEntropySource(), new SimpleMeterRegistry()))
            .nodeIdentity("bench")
            .build();
    byte[] kek = new byte[KeyEncryptionKey.LENGTH_BYTES];
    new SecureRandom().nextBytes(kek);
    bank =
        KeyBank.builder()
            .directory(directory)
            .generator(drbg)
            .keyEncryptionKey(KeyEncryptionKey.copyOf(kek))
            .lowWaterMark(PREFILLED_KEYS)
            .highWaterMark(PREFILLED_KEYS + 500_000)
            .open();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (bank.availableKeys() < PREFILLED_KEYS && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    jdkBaseline =
        SecureRandom.getInstance(
            "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    bank.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Object keyBankTake() {
    BankKey key = bank.take();
    key.secret().destroy();
    return key.id();
  }

  @Benchmark
  public byte[] jdkDrbgBaseline() {
    byte[] key = new byte[32];
    jdkBaseline.nextBytes(key);
    return key;
  }
}
