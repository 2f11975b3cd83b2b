package org.kdcmail.kdc.server.store;

/** State of an issued session key. REVOKED is final: its tickets are no longer handed out. */
public enum IssuanceState {
  ISSUED,
  REVOKED
}
