package org.kdcmail.gateway.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.kdcmail.gateway.spool.SealedRecordInput;
import org.kdcmail.gateway.spool.SealedRecords;
import org.kdcmail.secrets.SecretBytes;

/**
 * Bytes written once and read back any number of times: on the heap up to a memory limit, beyond it
 * in an owner-only temporary file that never holds them in clear — they are cut into {@link
 * SealedRecords} of {@value #RECORD_BYTES} bytes, each sealed by its own AES-256-GCM call under a
 * random key that exists only in this object (nonce: u64 record number ‖ u32 last-record flag). A
 * crash leaves only ciphertext under a key that died with the process; a record edited, swapped or
 * cut off on disk fails its tag when read. {@link #close()} deletes the file and zeroes the buffers
 * and key.
 *
 * <p>Write from one thread, then {@link #finish()}; after that, {@link #open()} is thread-safe.
 */
final class SealedSpool implements AutoCloseable {
  /** Plaintext bytes per sealed record (plus the tag: 64 KiB). */
  static final int RECORD_BYTES = SealedRecords.RECORD_BYTES;

  private final Path dir;
  private final int memoryLimit;
  private final Output output = new Output();
  private byte[] memory = new byte[256];
  private int memoryLength;
  private FileChannel file;
  private Path path;
  private SecretBytes key;
  private SealedRecords sealer;
  private byte[] pending;
  private int pendingLength;
  private long records;
  private long size;
  private boolean finished;
  private volatile boolean closed;

  /**
   * @param dir where a spill file is made (owner-only)
   * @param memoryLimit bytes kept on the heap before spilling to a sealed file
   */
  SealedSpool(Path dir, int memoryLimit) {
    this.dir = dir;
    this.memoryLimit = Math.max(0, memoryLimit);
  }

  /** Where the bytes go; valid until {@link #finish()}. Closing it finishes the spool. */
  OutputStream output() {
    return output;
  }

  /** Bytes written. */
  long size() {
    return size;
  }

  /** Bytes held on the heap (0 once spilled to a file). */
  int memoryBytes() {
    return file == null ? memoryLength : 0;
  }

  /** Whether the bytes went to a sealed file. */
  boolean spilled() {
    return path != null;
  }

  /** Ends writing: seals the last record. Idempotent. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    if (file != null) {
      sealRecord(true);
      file.force(false);
    }
  }

  /** A fresh stream over everything written; needs {@link #finish()} first. */
  InputStream open() throws IOException {
    if (!finished) {
      throw new IllegalStateException("spool read before finish()");
    }
    if (closed) {
      throw new IOException("the message cache of this session was dropped");
    }
    return file == null ? new MemoryInput() : new SealedInput();
  }

  private void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IllegalStateException("spool written after finish()");
    }
    size += len;
    if (file == null && memoryLength + len <= memoryLimit) {
      if (memoryLength + len > memory.length) {
        int grown = (int) Math.min(memoryLimit, Math.max(memoryLength + len, 2L * memory.length));
        byte[] bigger = Arrays.copyOf(memory, grown);
        Arrays.fill(memory, (byte) 0);
        memory = bigger;
      }
      System.arraycopy(b, off, memory, memoryLength, len);
      memoryLength += len;
      return;
    }
    if (file == null) {
      spill();
    }
    while (len > 0) {
      int n = Math.min(len, RECORD_BYTES - pendingLength);
      System.arraycopy(b, off, pending, pendingLength, n);
      pendingLength += n;
      off += n;
      len -= n;
      if (pendingLength == RECORD_BYTES) {
        sealRecord(false);
      }
    }
  }

  private void spill() throws IOException {
    Files.createDirectories(dir);
    path =
        Files.createTempFile(
            dir,
            "pop3-",
            ".sealed",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    key = SecretBytes.wrap(k);
    sealer = new SealedRecords(key);
    pending = new byte[RECORD_BYTES];
    byte[] held = memory;
    int heldLength = memoryLength;
    memory = new byte[0];
    memoryLength = 0;
    long counted = size;
    try {
      size = 0;
      pendingLength = 0;
      write(held, 0, heldLength);
    } finally {
      Arrays.fill(held, (byte) 0);
      size = counted;
    }
  }

  private void sealRecord(boolean last) throws IOException {
    sealer.write(file, records, last, pending, pendingLength);
    Arrays.fill(pending, 0, pendingLength, (byte) 0);
    records++;
    pendingLength = 0;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    Arrays.fill(memory, (byte) 0);
    if (pending != null) {
      Arrays.fill(pending, (byte) 0);
    }
    if (key != null) {
      key.destroy();
    }
    try {
      if (file != null) {
        file.close();
      }
    } finally {
      if (path != null) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The writing side. */
  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      SealedSpool.this.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      finish();
    }
  }

  /** Reads the heap copy. */
  private final class MemoryInput extends InputStream {
    private int pos;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("the message cache of this session was dropped");
      }
      if (pos >= memoryLength) {
        return -1;
      }
      int n = Math.min(len, memoryLength - pos);
      System.arraycopy(memory, pos, b, off, n);
      pos += n;
      return n;
    }

    /** What is left: readers that size their reads by it (Netty's ChunkedStream) need it. */
    @Override
    public int available() {
      return closed ? 0 : memoryLength - pos;
    }
  }

  /** Opens the sealed file record by record. */
  private final class SealedInput extends SealedRecordInput {
    private final byte[] sealed = new byte[SealedRecords.SEALED_RECORD_BYTES];
    private long record;

    @Override
    protected int nextRecord(byte[] plain) throws IOException {
      if (record == records) {
        return -1;
      }
      if (closed) {
        throw new IOException("the message cache of this session was dropped");
      }
      int n = SealedRecords.read(file, record, sealed);
      boolean last = record == records - 1;
      int length;
      try {
        length = sealer.open(record, last, sealed, n, plain);
      } catch (GeneralSecurityException e) {
        throw new IOException("the sealed message cache file was damaged", e);
      }
      record++;
      return length;
    }

    /**
     * What is left (the file is local: reading it does not wait on the network). Netty's
     * ChunkedStream sizes each chunk by it; 0 made James' RETR send the message a byte per write.
     */
    @Override
    public int available() {
      return closed ? 0 : (int) Math.min(Integer.MAX_VALUE, size - consumed());
    }
  }
}
