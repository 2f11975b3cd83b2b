package org.kdcmail.gateway.hold;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;
import org.kdcmail.gateway.spool.SealedRecordInput;
import org.kdcmail.gateway.spool.SealedRecords;
import org.kdcmail.secrets.SecretBytes;

/**
 * A file whose bytes are sealed record by record in the {@link SealedRecords} format: records of
 * {@value #RECORD_BYTES} plaintext bytes (the last one shorter, possibly empty), each with its
 * 16-byte tag, nonce = u64 record number ‖ u32 last-record flag. Reordered, edited, truncated or
 * extended files fail when read. The file is created owner-only; the key is the caller's and must
 * be used for one file only.
 */
public final class SealedFile {

  /** Plaintext bytes per record: a record and its tag are exactly 64 KiB. */
  public static final int RECORD_BYTES = SealedRecords.RECORD_BYTES;

  private SealedFile() {}

  /**
   * Creates {@code file} (which must not exist) and returns a stream that seals what is written to
   * it; {@code close()} writes the last record and forces the file to disk.
   */
  public static OutputStream create(Path file, SecretBytes key) throws IOException {
    SealedRecords records = new SealedRecords(key);
    FileChannel channel =
        FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file));
    return new Sealer(channel, records);
  }

  /**
   * Opens {@code file} for reading; a record that fails its tag, or a file cut short, makes a read
   * throw {@link IOException} ("damaged").
   */
  public static InputStream open(Path file, SecretBytes key) throws IOException {
    SealedRecords records = new SealedRecords(key);
    return new Opener(FileChannel.open(file, StandardOpenOption.READ), records);
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  /** Buffers one record, seals it when full. */
  private static final class Sealer extends OutputStream {
    private final FileChannel channel;
    private final SealedRecords records;
    private final byte[] plain = new byte[RECORD_BYTES];
    private int filled;
    private long record;
    private boolean closed;

    Sealer(FileChannel channel, SealedRecords records) {
      this.channel = channel;
      this.records = records;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("sealed file already closed");
      }
      while (len > 0) {
        if (filled == RECORD_BYTES) {
          seal(false);
        }
        int n = Math.min(len, RECORD_BYTES - filled);
        System.arraycopy(b, off, plain, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void seal(boolean last) throws IOException {
      try {
        records.write(channel, record++, last, plain, filled);
      } finally {
        Arrays.fill(plain, 0, filled, (byte) 0);
        filled = 0;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try (channel) {
        seal(true);
        channel.force(true);
      }
    }
  }

  /** Reads and opens one record at a time. */
  private static final class Opener extends SealedRecordInput {
    private final FileChannel channel;
    private final SealedRecords records;
    private final byte[] sealed = new byte[SealedRecords.SEALED_RECORD_BYTES];
    private long record;
    private boolean lastSeen;

    Opener(FileChannel channel, SealedRecords records) {
      this.channel = channel;
      this.records = records;
    }

    @Override
    protected int nextRecord(byte[] plain) throws IOException {
      if (lastSeen) {
        return -1;
      }
      int n = SealedRecords.read(channel, record, sealed);
      if (n < SealedRecords.TAG_BYTES) {
        throw new IOException("sealed file damaged: cut short", new EOFException());
      }
      boolean last = record * SealedRecords.SEALED_RECORD_BYTES + n == channel.size();
      try {
        int length = records.open(record++, last, sealed, n, plain);
        lastSeen = last;
        return length;
      } catch (GeneralSecurityException e) {
        throw new IOException("sealed file damaged: a record failed its integrity check", e);
      }
    }

    @Override
    public void close() throws IOException {
      super.close();
      channel.close();
    }
  }
}
