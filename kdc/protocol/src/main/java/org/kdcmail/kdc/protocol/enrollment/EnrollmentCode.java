package org.kdcmail.kdc.protocol.enrollment;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * The one-time enrollment code an admin hands to a user out of band: 120 random bits written as 24
 * Crockford base32 symbols in six groups of four, e.g. {@code 7KQ2-M9XD-...}. Parsing ignores case,
 * hyphens and spaces, reads {@code I}/{@code L} as 1 and {@code O} as 0, and rejects any other
 * character by name and position. {@link #toString()} is redacted; {@link #format()} is the only
 * way to print it.
 */
public final class EnrollmentCode implements Destroyable {

  /** Secret length: 15 bytes = 120 bits. */
  public static final int LENGTH_BYTES = 15;

  /** Symbols in the formatted code. */
  public static final int SYMBOLS = 24;

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private final SecretBytes secret;

  private EnrollmentCode(byte[] bytes) {
    this.secret = SecretBytes.wrap(bytes);
  }

  /** A fresh code from {@code random}. */
  public static EnrollmentCode generate(EnrollmentRandom random) {
    byte[] b = new byte[LENGTH_BYTES];
    random.nextBytes(b);
    return new EnrollmentCode(b);
  }

  /**
   * Parses a code as typed by a user.
   *
   * @throws IllegalArgumentException naming the first invalid character, or the wrong length
   */
  public static EnrollmentCode parse(String text) {
    Objects.requireNonNull(text, "text");
    byte[] out = new byte[LENGTH_BYTES];
    int symbols = 0;
    int bitBuffer = 0;
    int bits = 0;
    int outPos = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-' || c == ' ') {
        continue;
      }
      int v = symbolValue(c);
      if (v < 0) {
        throw new IllegalArgumentException(
            "invalid character '"
                + c
                + "' at position "
                + (i + 1)
                + " of the enrollment code; allowed are 0-9 and A-Z except U");
      }
      if (++symbols > SYMBOLS) {
        break;
      }
      bitBuffer = (bitBuffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[outPos++] = (byte) (bitBuffer >>> (bits - 8));
        bits -= 8;
        bitBuffer &= (1 << bits) - 1;
      }
    }
    if (symbols != SYMBOLS) {
      Arrays.fill(out, (byte) 0);
      throw new IllegalArgumentException(
          "an enrollment code has " + SYMBOLS + " characters (hyphens ignored)");
    }
    return new EnrollmentCode(out);
  }

  private static int symbolValue(char c) {
    char u = Character.toUpperCase(c);
    if (u == 'O') {
      return 0;
    }
    if (u == 'I' || u == 'L') {
      return 1;
    }
    return u < 128 ? ALPHABET.indexOf(u) : -1;
  }

  /** The code as 24 symbols in groups of four joined by hyphens: the form to hand to the user. */
  public String format() {
    byte[] bytes = raw();
    StringBuilder sb = new StringBuilder(SYMBOLS + 5);
    int bitBuffer = 0;
    int bits = 0;
    int symbols = 0;
    for (byte b : bytes) {
      bitBuffer = (bitBuffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        if (symbols > 0 && symbols % 4 == 0) {
          sb.append('-');
        }
        sb.append(ALPHABET.charAt((bitBuffer >>> (bits - 5)) & 31));
        bits -= 5;
        symbols++;
      }
      bitBuffer &= (1 << bits) - 1;
    }
    Arrays.fill(bytes, (byte) 0);
    return sb.toString();
  }

  /** Constant-time comparison. */
  public boolean equalsConstantTime(EnrollmentCode other) {
    checkLive();
    if (other == null) {
      return false;
    }
    other.checkLive();
    return secret.equalsConstantTime(other.secret);
  }

  /** A copy of the code's bytes; the caller zeroizes it when done. */
  byte[] raw() {
    checkLive();
    return secret.copyBytes();
  }

  private void checkLive() {
    if (secret.isDestroyed()) {
      throw new IllegalStateException("enrollment code already destroyed");
    }
  }

  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  @Override
  public String toString() {
    return "EnrollmentCode[redacted]";
  }
}
