package org.kdcmail.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Finds files that hold a secret in clear: every byte of every regular file below a folder. */
public final class SecretScan {
  private final Path root;
  private final Predicate<Path> skipped;

  private SecretScan(Path root, Predicate<Path> skipped) {
    this.root = root;
    this.skipped = skipped;
  }

  /** Scans every regular file below {@code root}. */
  public static SecretScan of(Path root) {
    return new SecretScan(root, p -> false);
  }

  /** Also passes over files whose name {@code skipped} accepts (e.g. a test's own captures). */
  public SecretScan skipping(Predicate<String> fileName) {
    return new SecretScan(root, skipped.or(p -> fileName.test(p.getFileName().toString())));
  }

  /** The files holding {@code text} as UTF-8. */
  public List<Path> filesContaining(String text) {
    return filesContaining(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The files holding {@code needle}. */
  public List<Path> filesContaining(byte[] needle) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(skipped.negate())
          .filter(p -> contains(p, needle))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(Path file, byte[] needle) {
    byte[] haystack;
    try {
      haystack = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
