package org.kdcmail.plugin.enroll;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;

/**
 * The costs and plumbing an enrollment uses: Argon2id for p1 (from MK-ID and MK password) and for
 * the store key (from the login password), the randomness, and the KDC timeouts. {@link
 * #production()} is the only preset: RFC 9106 second recommended option for both Argon2id runs.
 * Tests build cheaper settings with the constructor.
 *
 * @param userPoint Argon2id cost of p1; must equal the KDC-independent value every client uses for
 *     this user, or unlock derives another key
 * @param storeKey Argon2id cost of the store key
 * @param random randomness for the handshake, the store salt and nonce
 * @param connectTimeout bound on connecting to the KDC
 * @param readTimeout bound on each KDC answer
 */
public record ClientKdfSettings(
    Argon2Parameters userPoint,
    Argon2Parameters storeKey,
    SecureRandom random,
    Duration connectTimeout,
    Duration readTimeout) {

  public ClientKdfSettings {
    Objects.requireNonNull(userPoint, "userPoint");
    Objects.requireNonNull(storeKey, "storeKey");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /** RFC 9106 §4 second recommended option (m = 64 MiB, t = 3, p = 4) for both runs. */
  public static ClientKdfSettings production() {
    return new ClientKdfSettings(
        Argon2Parameters.RFC9106_SECOND_RECOMMENDED,
        Argon2Parameters.RFC9106_SECOND_RECOMMENDED,
        new SecureRandom(),
        KdcConnection.DEFAULT_CONNECT_TIMEOUT,
        KdcConnection.DEFAULT_READ_TIMEOUT);
  }
}
