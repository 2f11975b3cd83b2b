package org.kdcmail.gateway.pop3;

import java.util.Objects;

/**
 * One message in the upstream mailbox as listed at login.
 *
 * @param number its message number upstream (1-based, fixed for the session)
 * @param uid its unique id (UIDL), printable ASCII
 * @param size its size upstream in octets (the wrapped size; the client sees the processed size)
 */
record UpstreamMessage(int number, String uid, long size) {
  UpstreamMessage {
    Objects.requireNonNull(uid, "uid");
    if (number < 1 || size < 0) {
      throw new IllegalArgumentException("message " + number + " of size " + size);
    }
  }
}
