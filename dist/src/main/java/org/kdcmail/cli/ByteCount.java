package org.kdcmail.cli;

import java.util.Locale;

/** Byte counts for people: {@code 10.0 MB}, {@code 512 B} (decimal units, as disks are sold). */
final class ByteCount {
  private ByteCount() {}

  static String format(long bytes) {
    if (bytes < 1_000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    if (bytes < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }
}
