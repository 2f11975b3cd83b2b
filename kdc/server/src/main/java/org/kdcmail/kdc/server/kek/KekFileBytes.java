package org.kdcmail.kdc.server.kek;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.kdcmail.secrets.OwnerOnlyFile;

/**
 * A wrapped-KEK file on disk, whatever wraps the KEK: written once as header ‖ sealed KEK with mode
 * 0600 and never replaced; read only while still owner-only and starting with {@link
 * KekFile#MAGIC}. Every failure is a {@link KekFileException} that says how to fix it.
 */
final class KekFileBytes {

  private KekFileBytes() {}

  /**
   * Writes {@code header ‖ sealed} to the new file {@code path}.
   *
   * @param alreadyExists what to say after the path when the file exists already
   */
  static void createNew(Path path, byte[] header, byte[] sealed, String alreadyExists) {
    byte[] bytes = Arrays.copyOf(header, header.length + sealed.length);
    System.arraycopy(sealed, 0, bytes, header.length, sealed.length);
    try {
      OwnerOnlyFile.createNew(path, bytes);
    } catch (FileAlreadyExistsException e) {
      throw new KekFileException(path + " " + alreadyExists, e);
    } catch (IOException e) {
      throw new KekFileException("cannot write " + path + ": " + e, e);
    }
  }

  /**
   * The whole file, at least {@code minimumBytes} long and starting with the magic.
   *
   * @param missing what to say after the path when the file does not exist
   */
  static byte[] read(Path path, String missing, int minimumBytes) {
    byte[] file;
    try {
      try {
        OwnerOnlyFile.requireOwnerOnly(path, "KEK file");
      } catch (AccessDeniedException e) {
        throw new KekFileException(e.getMessage(), e);
      }
      file = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new KekFileException(path + " " + missing, e);
    } catch (IOException e) {
      throw new KekFileException("cannot read " + path + ": " + e, e);
    }
    if (file.length < minimumBytes
        || !Arrays.equals(Arrays.copyOf(file, KekFile.MAGIC.length), KekFile.MAGIC)) {
      throw new KekFileException(path + " is not a kdcmail KEK file");
    }
    return file;
  }
}
