package org.kdcmail.kdc.protocol.enrollment;

import java.nio.charset.StandardCharsets;

/** Version, sizes and labels of enrollment protocol v1 (docs/protocol.md). */
public final class EnrollmentProtocol {

  /** The version byte that starts every enrollment message. */
  public static final byte VERSION = 0x01;

  /** Maximum username length in UTF-8 bytes (an RFC 5321 path fits). */
  public static final int MAX_USERNAME_BYTES = 254;

  /** X25519 public key (share) length. */
  public static final int X25519_KEY_BYTES = 32;

  /** ML-KEM-768 encapsulation (public) key length. */
  public static final int MLKEM_PUBLIC_KEY_BYTES = 1184;

  /** ML-KEM-768 ciphertext length. */
  public static final int MLKEM_CIPHERTEXT_BYTES = 1088;

  /** Ed25519 public key length. */
  public static final int ED25519_PUBLIC_KEY_BYTES = 32;

  /** Ed25519 signature length. */
  public static final int ED25519_SIGNATURE_BYTES = 64;

  /** HMAC-SHA256 tag length (code proof, key confirmation). */
  public static final int MAC_BYTES = 32;

  /** AES-GCM tag length. */
  public static final int GCM_TAG_BYTES = 16;

  /** Number of points the KDC contributes (p2..p5). */
  public static final int SERVER_POINTS = 4;

  static final String LABEL = "kdcmail enrollment v1";
  static final byte[] LABEL_BYTES = ascii(LABEL);
  static final byte[] INFO_K1 = LABEL_BYTES;
  static final byte[] INFO_AEAD_C2S = ascii(LABEL + " aead client-to-kdc");
  static final byte[] INFO_AEAD_S2C = ascii(LABEL + " aead kdc-to-client");
  static final byte[] INFO_CODE_PROOF = ascii(LABEL + " code proof");
  static final byte[] INFO_CONFIRM_C2S = ascii(LABEL + " confirm client-to-kdc");
  static final byte[] INFO_CONFIRM_S2C = ascii(LABEL + " confirm kdc-to-client");
  static final byte[] SIGNATURE_CONTEXT = ascii(LABEL + " signature");

  private EnrollmentProtocol() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
