package org.kdcmail.gateway.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.kdcmail.gateway.hold.SealedFile;
import org.kdcmail.secrets.SecretBytes;

/**
 * One message's bytes as the client sent them: on the heap up to a limit, beyond it in a {@link
 * SealedFile} in the spool folder under a random key that lives only in this object, so a crash
 * leaves only ciphertext on disk. Written once, then read as often as needed; {@link #close()}
 * deletes the file and zeroes the buffer and key. Not thread-safe.
 */
final class MessageBuffer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path spoolDir;
  private final int memoryLimit;
  private byte[] memory = new byte[8192];
  private int memoryLength;
  private SecretBytes key;
  private Path file;
  private OutputStream fileOut;
  private long size;
  private boolean finished;

  MessageBuffer(Path spoolDir, int memoryLimit) {
    this.spoolDir = spoolDir;
    this.memoryLimit = memoryLimit;
  }

  /** The stream the DATA lines go to; {@code close()} ends writing. */
  OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        append(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        append(b, off, len);
      }

      @Override
      public void close() throws IOException {
        finish();
      }
    };
  }

  private void append(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("the message was already complete");
    }
    size += len;
    if (fileOut == null && memoryLength + len <= memoryLimit) {
      if (memoryLength + len > memory.length) {
        byte[] bigger =
            Arrays.copyOf(
                memory, Math.min(memoryLimit, Math.max(memoryLength + len, memory.length * 2)));
        Arrays.fill(memory, (byte) 0);
        memory = bigger;
      }
      System.arraycopy(b, off, memory, memoryLength, len);
      memoryLength += len;
      return;
    }
    if (fileOut == null) {
      spill();
    }
    fileOut.write(b, off, len);
  }

  private void spill() throws IOException {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    key = SecretBytes.wrap(k);
    Files.createDirectories(spoolDir);
    file = spoolDir.resolve("data-" + UUID.randomUUID() + ".sealed");
    fileOut = SealedFile.create(file, key);
    fileOut.write(memory, 0, memoryLength);
    Arrays.fill(memory, (byte) 0);
    memory = new byte[0];
    memoryLength = 0;
  }

  private void finish() throws IOException {
    if (!finished) {
      finished = true;
      if (fileOut != null) {
        fileOut.close();
      }
    }
  }

  /** Bytes written so far. */
  long size() {
    return size;
  }

  /** Whether the message went to disk. */
  boolean spilled() {
    return file != null;
  }

  /** A new stream over the whole message; the message must be complete. */
  InputStream open() throws IOException {
    if (!finished) {
      throw new IllegalStateException("the message is still being written");
    }
    if (file == null) {
      return new ByteArrayInputStream(memory, 0, memoryLength);
    }
    return SealedFile.open(file, key);
  }

  @Override
  public void close() throws IOException {
    Arrays.fill(memory, (byte) 0);
    if (key != null) {
      key.destroy();
    }
    try {
      if (fileOut != null) {
        fileOut.close();
      }
    } finally {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    }
  }
}
