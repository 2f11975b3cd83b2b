package org.kdcmail.kdc.server.kek;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Which PKCS#11 token holds the key that wraps the KDC's KEK, as the JDK's SunPKCS11 provider is
 * configured: the token's PKCS#11 library, its slot (by slot id, or by index in the library's slot
 * list; index 0 when neither is given), the label of the AES-256 wrapping key, and optionally a
 * file whose first line is the token PIN (otherwise the PIN is asked for). No secret is held here.
 *
 * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot the slot id, or null to select by {@code slotIndex}
 * @param slotIndex the index in the slot list, used when {@code slot} is null
 * @param keyLabel the CKA_LABEL of the wrapping key on the token
 * @param pinFile a file whose first line is the PIN (mode 0600), or null to ask for it
 */
public record Pkcs11Settings(
    Path library, Long slot, int slotIndex, String keyLabel, Path pinFile) {

  /** The wrapping key's label when none is configured. */
  public static final String DEFAULT_KEY_LABEL = "kdcmail-kek";

  /** The prefix of these settings' keys in {@code kdc.properties}. */
  public static final String PREFIX = "pkcs11.";

  public Pkcs11Settings {
    Objects.requireNonNull(library, "library");
    if (slotIndex < 0) {
      throw new IllegalArgumentException("PKCS#11 slot index must not be negative");
    }
    if (keyLabel == null || keyLabel.isBlank()) {
      keyLabel = DEFAULT_KEY_LABEL;
    }
    if (keyLabel.length() > 255) {
      throw new IllegalArgumentException("PKCS#11 key label is longer than 255 characters");
    }
  }

  /**
   * Reads the file given to {@code kdc init --pkcs11-config}: a properties file with {@code
   * library} (required), {@code slot} or {@code slot-index}, {@code key-label} and {@code
   * pin-file}.
   */
  public static Pkcs11Settings readConfig(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no PKCS#11 configuration file here");
    }
    try {
      return from(properties, "")
          .orElseThrow(() -> new IllegalArgumentException("missing 'library'"));
    } catch (RuntimeException e) {
      throw new IOException("invalid PKCS#11 configuration in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The settings under {@code prefix} in {@code properties}; empty when no library is named. */
  public static Optional<Pkcs11Settings> from(Properties properties, String prefix) {
    String library = value(properties, prefix + "library");
    if (library == null) {
      return Optional.empty();
    }
    String slot = value(properties, prefix + "slot");
    String index = value(properties, prefix + "slot-index");
    String pinFile = value(properties, prefix + "pin-file");
    return Optional.of(
        new Pkcs11Settings(
            Path.of(library),
            slot == null ? null : Long.decode(slot),
            index == null ? 0 : Integer.parseInt(index),
            value(properties, prefix + "key-label"),
            pinFile == null ? null : Path.of(pinFile)));
  }

  /** Writes these settings into {@code properties} under {@link #PREFIX}. */
  public void writeTo(Properties properties) {
    properties.setProperty(PREFIX + "library", library.toString());
    if (slot != null) {
      properties.setProperty(PREFIX + "slot", slot.toString());
    } else {
      properties.setProperty(PREFIX + "slot-index", Integer.toString(slotIndex));
    }
    properties.setProperty(PREFIX + "key-label", keyLabel);
    if (pinFile != null) {
      properties.setProperty(PREFIX + "pin-file", pinFile.toString());
    }
  }

  /**
   * The PIN from {@link #pinFile()}, or null when no file is configured. The caller zeroes it.
   *
   * @throws IOException when the file cannot be read or is empty
   */
  public char[] readPin() throws IOException {
    if (pinFile == null) {
      return null;
    }
    List<String> lines = Files.readAllLines(pinFile, StandardCharsets.UTF_8);
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw new IOException("the PKCS#11 PIN file " + pinFile + " is empty");
    }
    return lines.get(0).toCharArray();
  }

  /** The SunPKCS11 configuration text for this token. */
  String providerConfig() {
    return "name = kdcmail\n"
        + "library = \""
        + library
        + "\"\n"
        + (slot != null ? "slot = " + slot : "slotListIndex = " + slotIndex)
        + "\n"
        // A key generated here is sensitive and never extractable: its bytes never leave the token.
        + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
        + "  CKA_SENSITIVE = true\n"
        + "  CKA_EXTRACTABLE = false\n"
        + "}\n";
  }

  /** Where on the token, for messages: library and slot. */
  String describe() {
    return (slot != null ? "slot " + slot : "slot index " + slotIndex) + " of " + library;
  }

  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
