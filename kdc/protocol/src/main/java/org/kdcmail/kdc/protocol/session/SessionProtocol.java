package org.kdcmail.kdc.protocol.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Constants of the session-key protocol v1 (docs/protocol.md §5 is normative). */
public final class SessionProtocol {

  /** The version byte that starts every session message. */
  public static final byte VERSION = 0x01;

  /** Most recipients one request may name. */
  public static final int MAX_RECIPIENTS = 100;

  /** Longest identity (mail address), in UTF-8 bytes. */
  public static final int MAX_IDENTITY_BYTES = 320;

  /** Length of the request and fetch nonces (N_A, N_B). */
  public static final int NONCE_BYTES = 16;

  /** Length of K_S and K_AB. */
  public static final int KEY_BYTES = 32;

  /** Default clock-skew allowance, as in Kerberos. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(300);

  static final byte[] LABEL_REQUEST = ascii("kdcmail session request v1");
  static final byte[] LABEL_REPLY = ascii("kdcmail session reply v1");
  static final byte[] LABEL_TICKET = ascii("kdcmail session ticket v1");
  static final byte[] LABEL_FETCH_REQUEST = ascii("kdcmail session fetch request v1");
  static final byte[] LABEL_FETCH_REPLY = ascii("kdcmail session fetch reply v1");

  static final byte[] LABEL_DIRECTORY_REQUEST = ascii("kdcmail directory request v1");
  static final byte[] LABEL_DIRECTORY_REPLY = ascii("kdcmail directory reply v1");

  private SessionProtocol() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
