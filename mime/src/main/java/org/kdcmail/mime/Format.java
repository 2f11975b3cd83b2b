package org.kdcmail.mime;

import java.nio.charset.StandardCharsets;

/** Constants of format version 1 (docs/mail-format.md). */
final class Format {
  static final int VERSION = 1;
  static final String VERSION_HEADER = "X-Kdcmail-Version";
  static final String PROTOCOL = "application/vnd.kdcmail.envelope";
  static final String PREAMBLE =
      "This message is encrypted with kdcmail; read it through your kdcmail gateway.";
  static final byte[] ENVELOPE_MAGIC = {'K', 'D', 'C', 'E'};
  static final int SALT_BYTES = 32;
  static final int NONCE_PREFIX_BYTES = 7;
  static final int TAG_BYTES = 16;
  static final int AUTHENTICATOR_BYTES = 32;

  /** 65,536 − 16: the ciphertext of a full segment plus its tag is exactly 64 KiB. */
  static final int MAX_SEGMENT_SIZE_BYTES = 65536 - TAG_BYTES;

  static final byte[] COPY_KEY_INFO = ascii("kdcmail mail v1 copy key");
  static final byte[] SEGMENT_AAD_LABEL = ascii("kdcmail mail v1 segment");
  static final byte[] AUTHENTICATOR_LABEL = ascii("kdcmail mail v1 authenticator");

  /** Largest outer or inner header block read into memory. */
  static final int MAX_HEADER_BLOCK_BYTES = 1 << 20;

  /** Largest line of the wrapped form's MIME structure. */
  static final int MAX_WRAPPED_LINE_BYTES = 16 * 1024;

  /** Largest decoded envelope. */
  static final int MAX_ENVELOPE_BYTES = 12 * 1024 * 1024;

  private Format() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
