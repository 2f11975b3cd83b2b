package org.kdcmail.mime;

/** Tells whether the KDC has revoked a message key id; supplied by the caller. */
@FunctionalInterface
public interface RevocationCheck {

  /** Nothing is revoked. */
  RevocationCheck NONE = keyId -> false;

  /** True if the key id was revoked and its messages must not be read. */
  boolean isRevoked(String keyId);
}
