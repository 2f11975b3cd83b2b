package org.kdcmail.mime;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Settings for {@link MailWrapper#wrap}: the outer Subject placeholder, the plaintext segment size
 * and the directory where the ciphertext is spooled while the envelope's authenticators are
 * computed (ciphertext only; never plaintext). Immutable; built with {@link #builder()}.
 */
public final class WrapOptions {

  /** The default outer Subject. */
  public static final String DEFAULT_SUBJECT_PLACEHOLDER = "[encrypted message]";

  /** The default and largest plaintext segment: one AES-GCM call of ≤ 64 KiB both ways. */
  public static final int DEFAULT_SEGMENT_SIZE_BYTES = Format.MAX_SEGMENT_SIZE_BYTES;

  private final String subjectPlaceholder;
  private final int segmentSizeBytes;
  private final Path spoolDir;
  private final RandomBytes random;

  private WrapOptions(Builder b) {
    this.subjectPlaceholder = b.subjectPlaceholder;
    this.segmentSizeBytes = b.segmentSizeBytes;
    this.spoolDir = b.spoolDir;
    this.random = b.random;
  }

  /** Defaults: placeholder {@value #DEFAULT_SUBJECT_PLACEHOLDER}, 65,520-byte segments, tmpdir. */
  public static WrapOptions defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The outer Subject. */
  public String subjectPlaceholder() {
    return subjectPlaceholder;
  }

  /** Plaintext bytes per segment (the last segment may be shorter). */
  public int segmentSizeBytes() {
    return segmentSizeBytes;
  }

  /** Where the ciphertext is spooled during a wrap. */
  public Path spoolDir() {
    return spoolDir;
  }

  RandomBytes random() {
    return random;
  }

  /** Source of the per-copy salt, nonce prefix and MIME boundary; tests fix it. */
  @FunctionalInterface
  interface RandomBytes {
    void nextBytes(byte[] bytes);
  }

  /** Builds {@link WrapOptions}; every setter validates. */
  public static final class Builder {
    private String subjectPlaceholder = DEFAULT_SUBJECT_PLACEHOLDER;
    private int segmentSizeBytes = DEFAULT_SEGMENT_SIZE_BYTES;
    private Path spoolDir = Path.of(System.getProperty("java.io.tmpdir"));
    private RandomBytes random = new SecureRandom()::nextBytes;

    private Builder() {}

    /** Printable ASCII (space allowed), 1 to 200 characters. */
    public Builder subjectPlaceholder(String placeholder) {
      Objects.requireNonNull(placeholder, "placeholder");
      if (placeholder.isEmpty() || placeholder.length() > 200) {
        throw new IllegalArgumentException("the placeholder must be 1..200 characters");
      }
      for (int i = 0; i < placeholder.length(); i++) {
        char c = placeholder.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException("the placeholder must be printable ASCII");
        }
      }
      this.subjectPlaceholder = placeholder;
      return this;
    }

    /** 1 to 65,520 bytes of plaintext per segment (small values are for tests). */
    public Builder segmentSizeBytes(int bytes) {
      if (bytes < 1 || bytes > Format.MAX_SEGMENT_SIZE_BYTES) {
        throw new IllegalArgumentException(
            "segmentSizeBytes must be 1.." + Format.MAX_SEGMENT_SIZE_BYTES);
      }
      this.segmentSizeBytes = bytes;
      return this;
    }

    /** An existing directory, writable by this process only. */
    public Builder spoolDir(Path dir) {
      this.spoolDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    Builder random(RandomBytes random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The options. */
    public WrapOptions build() {
      return new WrapOptions(this);
    }
  }
}
