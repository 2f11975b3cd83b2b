package org.kdcmail.qrng.source;

import java.nio.file.Path;
import java.util.Objects;
import org.kdcmail.qrng.EntropySource;

/**
 * A parsed entropy source spec, as written in configuration and on the command line ({@code kdcmail
 * qrng selftest --source ...}):
 *
 * <ul>
 *   <li>{@code device:PATH} — a QRNG device or file, declared H = 8 bits per byte;
 *   <li>{@code device:PATH?h=7.5} — the same with a declared H in (0, 8];
 *   <li>{@code system} — the operating system's pool, not quantum.
 * </ul>
 *
 * Anything else is rejected with an {@link IllegalArgumentException} that shows the accepted forms.
 */
public sealed interface EntropySourceSpec {

  /** The accepted forms, for error and help messages. */
  String FORMS = "'device:PATH', 'device:PATH?h=BITS' (0 < BITS <= 8) or 'system'";

  /** Opens the source this spec names. */
  EntropySource open();

  /** Parses a spec string. */
  static EntropySourceSpec parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.equals("system")) {
      return new SystemSpec();
    }
    if (!spec.startsWith("device:")) {
      throw new IllegalArgumentException(
          "unknown entropy source '" + spec + "': expected " + FORMS);
    }
    String rest = spec.substring("device:".length());
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    if (path.isBlank()) {
      throw new IllegalArgumentException(
          "entropy source '" + spec + "' has no device path: expected " + FORMS);
    }
    double h =
        query < 0
            ? DeviceEntropySource.DEFAULT_MIN_ENTROPY
            : parseMinEntropy(spec, rest.substring(query + 1));
    return new DeviceSpec(Path.of(path), h);
  }

  private static double parseMinEntropy(String spec, String option) {
    if (!option.startsWith("h=")) {
      throw new IllegalArgumentException(
          "unknown option '"
              + option
              + "' in entropy source '"
              + spec
              + "': only h=BITS is allowed");
    }
    String value = option.substring(2);
    double h;
    try {
      h = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      h = Double.NaN;
    }
    if (!(h > 0 && h <= 8) || !value.matches("[0-9.]+")) {
      throw new IllegalArgumentException(
          "declared min-entropy h in entropy source '"
              + spec
              + "' must be a number of bits per byte in (0, 8], got '"
              + value
              + "'");
    }
    return h;
  }

  /**
   * A QRNG device or file.
   *
   * @param path the device path
   * @param minEntropyPerSample the declared H in bits per byte
   */
  record DeviceSpec(Path path, double minEntropyPerSample) implements EntropySourceSpec {
    public DeviceSpec {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public EntropySource open() {
      return new DeviceEntropySource(
          path, minEntropyPerSample, DeviceEntropySource.DEFAULT_READ_TIMEOUT);
    }

    @Override
    public String toString() {
      return "device:" + path + "?h=" + minEntropyPerSample;
    }
  }

  /** The operating system's entropy pool. */
  record SystemSpec() implements EntropySourceSpec {
    @Override
    public EntropySource open() {
      return new SystemEntropySource();
    }

    @Override
    public String toString() {
      return "system";
    }
  }
}
