package org.kdcmail.gateway.hold;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.secrets.SecretBytes;

/**
 * A file whose bytes are sealed record by record with AES-256-GCM (JDK provider): records of
 * {@value #RECORD_BYTES} plaintext bytes (the last one shorter, possibly empty), each with its
 * 16-byte tag, nonce = u64 record number ‖ u32 last-record flag. Reordered, edited, truncated or
 * extended files fail when read. The file is created owner-only; the key is the caller's and must
 * be used for one file only.
 */
public final class SealedFile {

  /** Plaintext bytes per record: a record and its tag are exactly 64 KiB. */
  public static final int RECORD_BYTES = 65520;

  private static final int TAG_BYTES = 16;

  private SealedFile() {}

  /**
   * Creates {@code file} (which must not exist) and returns a stream that seals what is written to
   * it; {@code close()} writes the last record and forces the file to disk.
   */
  public static OutputStream create(Path file, SecretBytes key) throws IOException {
    FileChannel channel =
        FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file));
    return new Sealer(channel, cipherKey(key));
  }

  /**
   * Opens {@code file} for reading; a record that fails its tag, or a file cut short, makes a read
   * throw {@link IOException} ("damaged").
   */
  public static InputStream open(Path file, SecretBytes key) throws IOException {
    return new Opener(FileChannel.open(file, StandardOpenOption.READ), cipherKey(key));
  }

  private static SecretKeySpec cipherKey(SecretBytes key) {
    if (key.length() != 32) {
      throw new IllegalArgumentException("a sealed file needs a 32-byte key");
    }
    byte[] k = key.copyBytes();
    try {
      return new SecretKeySpec(k, "AES");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  private static GCMParameterSpec nonce(long record, boolean last) {
    byte[] iv = new byte[12];
    ByteBuffer.wrap(iv).putLong(record).putInt(last ? 1 : 0);
    return new GCMParameterSpec(128, iv);
  }

  private static Cipher gcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's AES-GCM is unusable", e);
    }
  }

  /** Buffers one record, seals it when full. */
  private static final class Sealer extends OutputStream {
    private final FileChannel channel;
    private final SecretKeySpec key;
    private final Cipher cipher = gcm();
    private final byte[] plain = new byte[RECORD_BYTES];
    private final byte[] sealed = new byte[RECORD_BYTES + TAG_BYTES];
    private int filled;
    private long record;
    private boolean closed;

    Sealer(FileChannel channel, SecretKeySpec key) {
      this.channel = channel;
      this.key = key;
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
        cipher.init(Cipher.ENCRYPT_MODE, key, nonce(record++, last));
        int n = cipher.doFinal(plain, 0, filled, sealed, 0);
        ByteBuffer out = ByteBuffer.wrap(sealed, 0, n);
        while (out.hasRemaining()) {
          channel.write(out);
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's AES-GCM is unusable", e);
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
  private static final class Opener extends InputStream {
    private final FileChannel channel;
    private final SecretKeySpec key;
    private final Cipher cipher = gcm();
    private final byte[] sealed = new byte[RECORD_BYTES + TAG_BYTES];
    private final byte[] plain = new byte[RECORD_BYTES];
    private final InputStream raw;
    private int pos;
    private int limit;
    private long record;
    private boolean lastSeen;

    Opener(FileChannel channel, SecretKeySpec key) {
      this.channel = channel;
      this.key = key;
      this.raw = Channels.newInputStream(channel);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pos == limit) {
        if (lastSeen) {
          return -1;
        }
        next();
      }
      int n = Math.min(len, limit - pos);
      System.arraycopy(plain, pos, b, off, n);
      pos += n;
      return n;
    }

    private void next() throws IOException {
      int n = raw.readNBytes(sealed, 0, sealed.length);
      if (n < TAG_BYTES) {
        throw new IOException("sealed file damaged: cut short", new EOFException());
      }
      boolean last = channel.position() == channel.size();
      try {
        cipher.init(Cipher.DECRYPT_MODE, key, nonce(record++, last));
        limit = cipher.doFinal(sealed, 0, n, plain, 0);
        pos = 0;
        lastSeen = last;
      } catch (GeneralSecurityException e) {
        throw new IOException("sealed file damaged: a record failed its integrity check", e);
      }
    }

    @Override
    public void close() throws IOException {
      Arrays.fill(plain, (byte) 0);
      channel.close();
    }
  }
}
