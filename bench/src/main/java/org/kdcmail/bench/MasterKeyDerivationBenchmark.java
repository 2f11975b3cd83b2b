package org.kdcmail.bench;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.masterkey.UserPointDerivation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Master-key derivation cost, one thread. (a) Interpolation of five points at 0 plus HKDF-SHA256
 * (target ≥ 50,000 derivations/s per core) against the baseline of one SHA-256 over 32 bytes. (b) A
 * full client unlock with the production Argon2id parameters (RFC 9106 second recommended: 64 MiB,
 * t = 3, p = 4), in ms/op: the cost of one offline password guess.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class MasterKeyDerivationBenchmark {

  private final MasterKeyDerivation masterKeys = new MasterKeyDerivation();
  private final UserPointDerivation userPoints =
      new UserPointDerivation(Argon2Parameters.RFC9106_SECOND_RECOMMENDED);
  private List<FieldPoint> fivePoints;
  private List<FieldPoint> serverPoints;
  private byte[] thirtyTwoBytes;
  private MessageDigest sha256;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    SecureRandom random = new SecureRandom();
    fivePoints = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fivePoints.add(new FieldPoint(element(random), element(random)));
    }
    serverPoints = fivePoints.subList(1, 5);
    thirtyTwoBytes = new byte[32];
    random.nextBytes(thirtyTwoBytes);
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  private static FieldElement element(SecureRandom random) {
    return FieldElement.reduce(new BigInteger(256, random).add(BigInteger.ONE));
  }

  /** (a) f(0) of five points, then HKDF-SHA256 into a master key. */
  @Benchmark
  public MasterKey interpolationAndHkdf() {
    return masterKeys.deriveMasterKey("alice", fivePoints);
  }

  /** Baseline for (a): one SHA-256 of 32 bytes, the seed's per-guess cost. */
  @Benchmark
  public byte[] baselineSha256Of32Bytes() {
    return sha256.digest(thirtyTwoBytes);
  }

  /** (b) Full unlock: p1 through production Argon2id, then interpolation and HKDF. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1, batchSize = 1)
  @Measurement(iterations = 2)
  public MasterKey fullUnlockProductionArgon2id() {
    List<FieldPoint> points = new ArrayList<>(serverPoints);
    points.add(
        0, userPoints.derive("alice", "alice-mk".toCharArray(), "Summer2024!".toCharArray()));
    return masterKeys.deriveMasterKey("alice", points);
  }
}
