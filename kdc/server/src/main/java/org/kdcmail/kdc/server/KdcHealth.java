package org.kdcmail.kdc.server;

import org.kdcmail.qrng.health.HealthState;

/**
 * What {@code GET /health} reports: the entropy source's health-test state and the key bank's
 * level. The KDC is up while the source is not FAILED (keys already in the bank stay usable, but an
 * operator must act).
 *
 * @param entropy the health-test state of the entropy source
 * @param source the source's provenance label, e.g. {@code system (not quantum)}
 * @param keyBankAvailable keys available in the bank
 */
record KdcHealth(HealthState entropy, String source, long keyBankAvailable) {

  boolean up() {
    return entropy != HealthState.FAILED;
  }

  String toJson() {
    return String.format(
        "{\"status\":\"%s\",\"entropy\":\"%s\",\"source\":\"%s\",\"key_bank_available\":%d}",
        up() ? "UP" : "DOWN",
        entropy,
        source.replace("\\", "\\\\").replace("\"", "\\\""),
        keyBankAvailable);
  }
}
