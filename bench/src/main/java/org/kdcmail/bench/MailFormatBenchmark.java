package org.kdcmail.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.mime.MailUnwrapper;
import org.kdcmail.mime.MailWrapper;
import org.kdcmail.mime.OpenedTicket;
import org.kdcmail.mime.RecipientGrant;
import org.kdcmail.mime.RevocationCheck;
import org.kdcmail.mime.SeenKeyIds;
import org.kdcmail.mime.SessionMaterial;
import org.kdcmail.mime.TicketOpener;
import org.kdcmail.mime.Verdict;
import org.kdcmail.mime.WrapOptions;
import org.kdcmail.secrets.SecretBytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * kdcmail wrap and unwrap against the practical limit in the same run: raw AES-256-GCM over 64 KiB
 * calls plus MIME base64 over the same bytes. Time per operation; MB/s = size / time. Run: {@code
 * java -jar bench/target/benchmarks.jar MailFormatBenchmark -Djmh.ignoreLock=true}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MailFormatBenchmark {

  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final int CHUNK = 65536 - 16;

  @Param({"10240", "1048576", "31457280"})
  public int size;

  private byte[] message;
  private byte[] wrapped;
  private byte[] rawSealed;
  private byte[] key;
  private Path spool;
  private MailUnwrapper unwrapper;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    spool = Files.createTempDirectory("kdcmail-bench");
    key = new byte[32];
    new Random(1).nextBytes(key);
    byte[] head =
        ("From: alice@example.org\r\nTo: bob@example.org\r\nMessage-ID: <b@example.org>\r\n"
                + "Subject: bench\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    message = new byte[size];
    new Random(2).nextBytes(message);
    System.arraycopy(head, 0, message, 0, Math.min(head.length, size));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MailWrapper.wrap(new ByteArrayInputStream(message), out, material(), options());
    wrapped = out.toByteArray();
    rawSealed = rawSeal();
    unwrapper = MailUnwrapper.create(Clock.systemUTC(), RevocationCheck.NONE, SeenKeyIds.NONE);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(spool);
  }

  private SessionMaterial material() {
    return new SessionMaterial(
        "bench-key",
        ALICE,
        "kdc-bench",
        SecretBytes.copyOf(key),
        List.of(new RecipientGrant(BOB, new byte[64], SecretBytes.copyOf(key), new byte[32])));
  }

  private WrapOptions options() {
    return WrapOptions.builder().spoolDir(spool).build();
  }

  private final TicketOpener opener =
      (ticket, who) ->
          new OpenedTicket(
              "bench-key",
              ALICE,
              List.of(BOB),
              SecretBytes.copyOf(key),
              SecretBytes.copyOf(key),
              Instant.EPOCH,
              Instant.MAX);

  @Benchmark
  public long wrap() throws IOException {
    CountingSink out = new CountingSink();
    MailWrapper.wrap(new ByteArrayInputStream(message), out, material(), options());
    return out.count;
  }

  @Benchmark
  public long unwrap() throws IOException {
    CountingSink out = new CountingSink();
    Verdict v = unwrapper.unwrap(new ByteArrayInputStream(wrapped), BOB, opener, out, spool);
    if (!v.isReleased()) {
      throw new IllegalStateException(v.status().name());
    }
    return out.count;
  }

  /** The practical limit for wrap: GCM over ≤ 64 KiB calls, then MIME base64 of the result. */
  @Benchmark
  public int rawGcmBase64Seal() throws GeneralSecurityException {
    return Base64.getMimeEncoder().encode(rawSeal()).length;
  }

  /** The practical limit for unwrap: MIME base64 decode, then GCM over ≤ 64 KiB calls. */
  @Benchmark
  public int rawGcmBase64Open() throws GeneralSecurityException {
    byte[] ct = Base64.getMimeDecoder().decode(rawSealedB64());
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    byte[] out = new byte[CHUNK];
    int total = 0;
    for (int off = 0, i = 0; off < ct.length; off += CHUNK + 16, i++) {
      c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, nonce(i)));
      total += c.doFinal(ct, off, Math.min(CHUNK + 16, ct.length - off), out, 0);
    }
    return total;
  }

  private byte[] rawSealedB64Cache;

  private byte[] rawSealedB64() {
    if (rawSealedB64Cache == null) {
      rawSealedB64Cache = Base64.getMimeEncoder().encode(rawSealed);
    }
    return rawSealedB64Cache;
  }

  private byte[] rawSeal() throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    int n = (message.length + CHUNK - 1) / CHUNK;
    byte[] out = new byte[message.length + 16 * Math.max(1, n)];
    int pos = 0;
    for (int off = 0, i = 0; off < message.length || i == 0; off += CHUNK, i++) {
      c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce(i)));
      pos += c.doFinal(message, off, Math.min(CHUNK, message.length - off), out, pos);
    }
    return out;
  }

  private static byte[] nonce(int i) {
    byte[] n = new byte[12];
    n[8] = (byte) (i >>> 24);
    n[9] = (byte) (i >>> 16);
    n[10] = (byte) (i >>> 8);
    n[11] = (byte) i;
    return n;
  }

  /** Discards output, counting bytes. */
  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
