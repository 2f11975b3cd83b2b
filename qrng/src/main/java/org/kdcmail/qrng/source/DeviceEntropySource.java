package org.kdcmail.qrng.source;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.SourceKind;

/**
 * Raw byte samples from a QRNG character device such as {@code /dev/qrandom0} (ID Quantique
 * Quantis), or from a file. Each byte is one sample with the declared min-entropy H (default 8).
 *
 * <p>Reads run on a dedicated daemon thread and are bounded by the read timeout, so a stalled
 * device never hangs the caller; the device is opened on that thread too, because opening a FIFO
 * blocks. A read that times out is abandoned and whatever it later returns is discarded, never
 * output. EOF before the buffer is full is a short read. Every failure is an {@link
 * EntropySourceException} naming the path.
 */
public final class DeviceEntropySource implements EntropySource {

  /** The declared min-entropy when none is configured, in bits per byte. */
  public static final double DEFAULT_MIN_ENTROPY = 8.0;

  /** How long one read may take when no timeout is configured. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);

  private final Path path;
  private final Duration readTimeout;
  private final SourceDescriptor descriptor;
  private final ExecutorService reader;
  private final Object lock = new Object();
  private InputStream in; // touched only on the reader thread (and by close)
  private boolean closed;

  /** A device source with H = 8 and a 2 s read timeout. */
  public DeviceEntropySource(Path path) {
    this(path, DEFAULT_MIN_ENTROPY, DEFAULT_READ_TIMEOUT);
  }

  /**
   * A device source.
   *
   * @param path the character device or file
   * @param minEntropyPerSample the declared H in bits per byte, in (0, 8]
   * @param readTimeout the longest one {@link #readSamples} may block
   * @throws EntropySourceException when the path does not exist or is not readable
   */
  public DeviceEntropySource(Path path, double minEntropyPerSample, Duration readTimeout) {
    this.path = Objects.requireNonNull(path, "path");
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("read timeout must be positive, got " + readTimeout);
    }
    this.descriptor =
        new SourceDescriptor("device:" + path, SourceKind.QUANTUM, minEntropyPerSample, false);
    if (!Files.exists(path)) {
      throw new EntropySourceException(
          "QRNG device not found: "
              + path
              + " (is the device connected and its driver loaded? check the configured path)");
    }
    if (Files.isDirectory(path) || !Files.isReadable(path)) {
      throw new EntropySourceException(
          "QRNG device not readable: "
              + path
              + " (check permissions: the kdcmail user needs read access)");
    }
    this.reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "qrng-reader " + path);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public SourceDescriptor descriptor() {
    return descriptor;
  }

  /** The configured read timeout. */
  public Duration readTimeout() {
    return readTimeout;
  }

  @Override
  public void readSamples(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    synchronized (lock) {
      if (closed) {
        throw new EntropySourceException("QRNG device source " + path + " is closed");
      }
      Future<byte[]> pending = reader.submit(() -> readFully(length));
      byte[] samples = await(pending, length);
      System.arraycopy(samples, 0, buffer, offset, length);
      Arrays.fill(samples, (byte) 0);
    }
  }

  private byte[] await(Future<byte[]> pending, int length) {
    try {
      return pending.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(false);
      throw new EntropySourceException(
          "timed out reading "
              + length
              + " bytes from QRNG device "
              + path
              + " after "
              + readTimeout.toMillis()
              + " ms (device stalled or not producing data)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(false);
      throw new EntropySourceException("interrupted while reading QRNG device " + path, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EntropySourceException ese) {
        throw ese;
      }
      throw new EntropySourceException(
          "cannot read QRNG device " + path + ": " + cause.getMessage(), cause);
    }
  }

  /** Runs on the reader thread. */
  private byte[] readFully(int length) throws IOException {
    if (in == null) {
      in = new FileInputStream(path.toFile());
    }
    byte[] samples = new byte[length];
    int got = 0;
    while (got < length) {
      int n = in.read(samples, got, length - got);
      if (n < 0) {
        Arrays.fill(samples, (byte) 0);
        throw new EntropySourceException(
            "short read from " + path + ": got " + got + " of " + length + " bytes");
      }
      got += n;
    }
    return samples;
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // Closing runs on the reader thread after any read still pending; a read blocked forever
    // keeps its daemon thread, which never delivers anything again.
    reader.execute(this::closeStream);
    reader.shutdown();
  }

  /** Runs on the reader thread. */
  private void closeStream() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // nothing more to read from it either way
      }
      in = null;
    }
  }
}
