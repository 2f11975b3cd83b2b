package org.kdcmail.mime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/** Validation and comparison of the identities that appear in an envelope. */
final class Addresses {

  static final int MAX_ADDRESS_BYTES = 320;

  private Addresses() {}

  /** A non-empty address of at most 320 UTF-8 bytes without control characters or spaces. */
  static String requireValid(String address, String what) {
    Objects.requireNonNull(address, what);
    int bytes = address.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_ADDRESS_BYTES) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX_ADDRESS_BYTES + " bytes");
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(what + " must not contain spaces or control characters");
      }
    }
    return address;
  }

  /** Addresses compare case-insensitively (ASCII folding), as the KDC stores them. */
  static String normalize(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  static boolean same(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
