package org.kdcmail.qrng.drbg;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.drbg.CTRSP800DRBG;
import org.bouncycastle.crypto.prng.drbg.HMacSP800DRBG;
import org.bouncycastle.crypto.prng.drbg.HashSP800DRBG;
import org.bouncycastle.crypto.prng.drbg.SP80090DRBG;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/**
 * Not a test: a single-threaded throughput check, 32-byte requests, for docs/drbg.md. Run with
 * {@code java -cp qrng/target/classes:qrng/target/test-classes:<bcprov jar>
 * org.kdcmail.qrng.drbg.DrbgThroughputMain [seconds]}.
 */
final class DrbgThroughputMain {
  private DrbgThroughputMain() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    byte[] ps = new byte[32];
    byte[] nonce = new byte[16];
    report("QrngDrbg (Hash_DRBG/SHA-512, JDK SHA-512)", qrng(false)::nextBytes, seconds);
    report("QrngDrbg, prediction resistance on", qrng(true)::nextBytes, seconds);
    report(
        "BC Hash_DRBG/SHA-512, BC SHA512Digest",
        bc(new HashSP800DRBG(new SHA512Digest(), 256, seeds(), ps, nonce)),
        seconds);
    report(
        "BC Hash_DRBG/SHA-512, JDK SHA-512 adapter",
        bc(new HashSP800DRBG(new JdkSha512Digest(), 256, seeds(), ps, nonce)),
        seconds);
    report(
        "BC HMAC_DRBG/SHA-512, BC SHA512Digest",
        bc(new HMacSP800DRBG(new HMac(new SHA512Digest()), 256, seeds(), ps, nonce)),
        seconds);
    report(
        "BC CTR_DRBG/AES-256 (df)",
        bc(new CTRSP800DRBG(AESEngine.newInstance(), 256, 256, seeds(), ps, nonce)),
        seconds);
    System.out.println("(MessageDigest SHA-512 provider: " + sunSha512() + ")");
  }

  private static QrngDrbg qrng(boolean predictionResistance) {
    SecureRandom random = new SecureRandom();
    org.kdcmail.qrng.EntropySource source =
        new org.kdcmail.qrng.EntropySource() {
          @Override
          public SourceDescriptor descriptor() {
            return new SourceDescriptor("bench:securerandom", SourceKind.TEST, 8.0, false);
          }

          @Override
          public void readSamples(byte[] buffer, int offset, int length) {
            byte[] samples = new byte[length];
            random.nextBytes(samples);
            System.arraycopy(samples, 0, buffer, offset, length);
          }

          @Override
          public void close() {}
        };
    return QrngDrbg.builder(source)
        .nodeIdentity("bench")
        .predictionResistance(predictionResistance)
        .build();
  }

  private static EntropySource seeds() {
    SecureRandom random = new SecureRandom();
    return new EntropySource() {
      @Override
      public boolean isPredictionResistant() {
        return true;
      }

      @Override
      public byte[] getEntropy() {
        byte[] entropy = new byte[32];
        random.nextBytes(entropy);
        return entropy;
      }

      @Override
      public int entropySize() {
        return 256;
      }
    };
  }

  private static Generator bc(SP80090DRBG drbg) {
    return out -> drbg.generate(out, null, false);
  }

  private static String sunSha512() {
    try {
      return MessageDigest.getInstance("SHA-512", "SUN").getProvider().getName();
    } catch (Exception e) {
      return "unavailable";
    }
  }

  private interface Generator {
    void next(byte[] out);
  }

  private static void report(String name, Generator generator, int seconds) {
    byte[] out = new byte[32];
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < warmupEnd) {
      generator.next(out);
    }
    long count = 0;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long now;
    while ((now = System.nanoTime()) < end) {
      for (int i = 0; i < 1000; i++) {
        generator.next(out);
      }
      count += 1000;
    }
    System.out.printf("%-46s %,12.0f keys/s%n", name, count / ((now - start) / 1e9));
  }
}
