package org.kdcmail.kdc.server.store;

/** Whether the KDC serves a user. A disabled user keeps the sealed master key. */
public enum UserStatus {
  ACTIVE,
  DISABLED
}
