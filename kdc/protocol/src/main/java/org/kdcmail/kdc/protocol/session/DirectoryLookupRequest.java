package org.kdcmail.kdc.protocol.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The authenticated body of a directory lookup A → KDC: the requester, the addresses asked about
 * (1..100, distinct, in request order), a 16-byte nonce and the requester's timestamp. The KDC
 * checks the timestamp with {@link ClockSkew}; it stores nothing (no replay-cache entry: a lookup
 * issues no key and its answer is readable only by the requester).
 */
public record DirectoryLookupRequest(
    String requester, List<String> names, byte[] nonce, Instant timestamp) {
  public DirectoryLookupRequest {
    SessionWire.identityBytes(requester);
    names = SessionWire.recipients(names);
    Objects.requireNonNull(nonce, "nonce");
    if (nonce.length != SessionProtocol.NONCE_BYTES) {
      throw new IllegalArgumentException("nonce is 16 bytes");
    }
    nonce = nonce.clone();
    Objects.requireNonNull(timestamp, "timestamp");
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }
}
