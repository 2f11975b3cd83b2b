package org.kdcmail.mime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A write-once, read-once byte store: bytes stay on the heap up to {@code memoryLimit}; beyond that
 * everything goes to an owner-only temporary file in the spool directory.
 *
 * <p>With {@code encrypt}, the file never holds the bytes written: they are cut into records of
 * {@value #RECORD} bytes, each sealed by its own AES-256-GCM call (JDK provider, ≤ 64 KiB per call)
 * under a random key that exists only in this object's memory, nonce = u64 record number ‖ u32
 * last-record flag. A crash leaves only ciphertext under a key that died with the process; a record
 * that was edited, reordered or cut off fails its tag when read back.
 *
 * <p>Not thread-safe. {@link #close()} deletes the file and zeroes the buffers and key.
 */
final class SpillBuffer implements AutoCloseable {

  /** Plaintext bytes per sealed record: one record plus tag is exactly 64 KiB. */
  static final int RECORD = Format.MAX_SEGMENT_SIZE_BYTES;

  /** Receives stored bytes in order. */
  @FunctionalInterface
  interface Sink {
    void accept(byte[] b, int off, int len) throws IOException;
  }

  private final Path dir;
  private final String prefix;
  private final int memoryLimit;
  private final boolean encrypt;
  private final SpoolMemory budget;
  private final HeapChunks mem = new HeapChunks();
  private Path file;
  private FileChannel channel;
  private ByteBuffer pending;
  private byte[] sealed;
  private byte[] key;
  private SecretKeySpec keySpec;
  private Cipher cipher;
  private long record;
  private long size;

  SpillBuffer(Path dir, String prefix, int memoryLimit, boolean encrypt) {
    this(dir, prefix, memoryLimit, encrypt, SpoolMemory.SHARED);
  }

  /**
   * A buffer that keeps up to {@code memoryLimit} bytes on the heap as long as {@code budget} has
   * room for them, and spills to a file in {@code dir} beyond that.
   */
  SpillBuffer(Path dir, String prefix, int memoryLimit, boolean encrypt, SpoolMemory budget) {
    this.dir = dir;
    this.prefix = prefix;
    this.memoryLimit = memoryLimit;
    this.encrypt = encrypt;
    this.budget = budget;
  }

  /** The spool file, or null while everything is in memory. */
  Path file() {
    return file;
  }

  long size() {
    return size;
  }

  void write(byte[] b, int off, int len) throws IOException {
    size += len;
    if (channel == null) {
      if (mem.size() + len <= memoryLimit && mem.append(b, off, len, budget)) {
        return;
      }
      spill();
    }
    while (len > 0) {
      int n = Math.min(len, pending.remaining());
      pending.put(b, off, n);
      off += n;
      len -= n;
      if (!pending.hasRemaining()) {
        flushRecord(false);
      }
    }
  }

  private void spill() throws IOException {
    file = Spool.create(dir, prefix, encrypt ? ".sealed" : ".tmp");
    channel = FileChannel.open(file, StandardOpenOption.WRITE);
    pending = ByteBuffer.allocate(encrypt ? RECORD : 1 << 16);
    if (encrypt) {
      key = new byte[32];
      new SecureRandom().nextBytes(key);
      keySpec = new SecretKeySpec(key, "AES");
      sealed = new byte[RECORD + Format.TAG_BYTES];
      try {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's AES-GCM is unusable", e);
      }
    }
    try {
      mem.forEach(this::writeToFile);
    } finally {
      mem.clear(encrypt, budget);
    }
  }

  private void writeToFile(byte[] b, int off, int n) throws IOException {
    n += off;
    while (off < n) {
      int k = Math.min(n - off, pending.remaining());
      pending.put(b, off, k);
      off += k;
      if (!pending.hasRemaining()) {
        flushRecord(false);
      }
    }
  }

  private GCMParameterSpec nonce(long index, boolean last) {
    byte[] iv = new byte[12];
    for (int i = 0; i < 8; i++) {
      iv[i] = (byte) (index >>> (56 - 8 * i));
    }
    iv[11] = (byte) (last ? 1 : 0);
    return new GCMParameterSpec(128, iv);
  }

  private void flushRecord(boolean last) throws IOException {
    if (encrypt) {
      try {
        cipher.init(Cipher.ENCRYPT_MODE, keySpec, nonce(record++, last));
        int n = cipher.doFinal(pending.array(), 0, pending.position(), sealed, 0);
        Arrays.fill(pending.array(), 0, pending.position(), (byte) 0);
        writeAll(ByteBuffer.wrap(sealed, 0, n));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's AES-GCM is unusable", e);
      }
    } else {
      pending.flip();
      writeAll(pending);
    }
    pending.clear();
  }

  private void writeAll(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** Ends writing; call once, then {@link #drainTo} once. */
  void finish() throws IOException {
    if (channel != null) {
      if (encrypt || pending.position() > 0) {
        flushRecord(true);
      }
      channel.close();
    }
  }

  /** Hands every stored byte to {@code sink}, in chunks of at most 64 KiB from the file. */
  void drainTo(Sink sink) throws IOException {
    if (file == null) {
      mem.forEach(sink);
      return;
    }
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      if (!encrypt) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (in.read(buf) >= 0) {
          buf.flip();
          if (buf.hasRemaining()) {
            sink.accept(buf.array(), 0, buf.limit());
          }
          buf.clear();
        }
        return;
      }
      byte[] plain = new byte[RECORD];
      ByteBuffer rec = ByteBuffer.wrap(sealed);
      long index = 0;
      try {
        while (true) {
          rec.clear();
          while (rec.hasRemaining() && in.read(rec) >= 0) {
            // fill the whole record or reach EOF
          }
          boolean last = in.position() == in.size();
          if (rec.position() < Format.TAG_BYTES) {
            throw new IOException("spool file truncated");
          }
          cipher.init(Cipher.DECRYPT_MODE, keySpec, nonce(index++, last));
          int n = cipher.doFinal(sealed, 0, rec.position(), plain, 0);
          sink.accept(plain, 0, n);
          if (last) {
            break;
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IOException("spool file damaged", e);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  @Override
  public void close() throws IOException {
    mem.clear(encrypt, budget);
    if (pending != null) {
      Arrays.fill(pending.array(), (byte) 0);
    }
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The in-memory part: chunks of growing size (64 KiB doubling up to 1 MiB), each reserved from
   * the budget, so growing never copies what is already stored.
   */
  private static final class HeapChunks {
    private static final int FIRST = 1 << 16;
    private static final int LARGEST = 1 << 20;
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastUsed;
    private long size;

    long size() {
      return size;
    }

    /** Appends all of {@code b[off..off+len)}; false (nothing appended) if the budget is spent. */
    boolean append(byte[] b, int off, int len, SpoolMemory budget) {
      long free = chunks.isEmpty() ? 0 : last().length - lastUsed;
      List<byte[]> added = new ArrayList<>();
      int next = chunks.isEmpty() ? FIRST : Math.min(LARGEST, last().length * 2);
      while (free < len) {
        if (!budget.reserve(next)) {
          added.forEach(c -> budget.release(c.length));
          return false;
        }
        added.add(new byte[next]);
        free += next;
        next = Math.min(LARGEST, next * 2);
      }
      while (len > 0) {
        if (chunks.isEmpty() || lastUsed == last().length) {
          chunks.add(added.remove(0));
          lastUsed = 0;
        }
        int k = Math.min(len, last().length - lastUsed);
        System.arraycopy(b, off, last(), lastUsed, k);
        lastUsed += k;
        off += k;
        len -= k;
        size += k;
      }
      return true;
    }

    void forEach(Sink sink) throws IOException {
      for (int i = 0; i < chunks.size(); i++) {
        byte[] c = chunks.get(i);
        sink.accept(c, 0, i == chunks.size() - 1 ? lastUsed : c.length);
      }
    }

    /** Drops every chunk (zeroing them first when {@code zero}) and gives the memory back. */
    void clear(boolean zero, SpoolMemory budget) {
      for (byte[] c : chunks) {
        if (zero) {
          Arrays.fill(c, (byte) 0);
        }
        budget.release(c.length);
      }
      chunks.clear();
      lastUsed = 0;
      size = 0;
    }

    private byte[] last() {
      return chunks.get(chunks.size() - 1);
    }
  }
}
