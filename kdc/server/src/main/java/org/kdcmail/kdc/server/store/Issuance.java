package org.kdcmail.kdc.server.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.kdcmail.secrets.SecretBytes;

/**
 * One session-key issuance to be recorded: the session key K_S and, for each recipient, the key
 * K_ABi its ticket is made under. The store seals both under the KEK; it does not destroy the
 * caller's {@link SecretBytes}. Times are stored with millisecond precision.
 *
 * @param keyId the session key's id (unique forever, 1..64 characters)
 * @param sender who asked for the key
 * @param issuedAt when it was issued
 * @param notAfter when it stops being valid (after {@code issuedAt})
 * @param provenance where the key came from
 * @param sessionKey K_S (1..64 bytes)
 * @param pairwiseKeys recipient → K_ABi (1..{@value #MAX_RECIPIENTS} recipients, in order)
 */
public record Issuance(
    String keyId,
    String sender,
    Instant issuedAt,
    Instant notAfter,
    IssuanceProvenance provenance,
    SecretBytes sessionKey,
    Map<String, SecretBytes> pairwiseKeys) {
  /** Most recipients per issuance. */
  public static final int MAX_RECIPIENTS = 1000;

  /** Longest key accepted (sealed columns hold 128 bytes). */
  public static final int MAX_KEY_BYTES = 64;

  public Issuance {
    keyId = name("keyId", keyId, 64);
    sender = name("sender", sender, 320);
    issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.MILLIS);
    notAfter = Objects.requireNonNull(notAfter, "notAfter").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(provenance, "provenance");
    checkKey(sessionKey);
    if (!notAfter.isAfter(issuedAt)) {
      throw new IllegalArgumentException("notAfter must be after issuedAt");
    }
    Objects.requireNonNull(pairwiseKeys, "pairwiseKeys");
    if (pairwiseKeys.isEmpty() || pairwiseKeys.size() > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("1.." + MAX_RECIPIENTS + " recipients required");
    }
    Map<String, SecretBytes> copy = new LinkedHashMap<>();
    pairwiseKeys.forEach(
        (recipient, key) -> {
          checkKey(key);
          copy.put(name("recipient", recipient, 320), key);
        });
    pairwiseKeys = java.util.Collections.unmodifiableMap(copy);
  }

  private static String name(String what, String value, int maxChars) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.length() > maxChars) {
      throw new IllegalArgumentException(what + " must be 1.." + maxChars + " characters");
    }
    return value;
  }

  private static void checkKey(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    if (key.length() < 1 || key.length() > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("keys must be 1.." + MAX_KEY_BYTES + " bytes");
    }
  }
}
