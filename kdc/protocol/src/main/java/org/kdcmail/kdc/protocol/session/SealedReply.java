package org.kdcmail.kdc.protocol.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link SessionReplySealer} produced: the reply frame payload for A and, for the KDC's
 * issuance record, each known recipient's ticket (to serve a later ticket fetch).
 *
 * @param reply the {@code SessionKeyReply} bytes
 * @param tickets recipient → ticket bytes, in request order
 */
public record SealedReply(byte[] reply, Map<String, byte[]> tickets) {
  public SealedReply {
    reply = reply.clone();
    tickets = Collections.unmodifiableMap(new LinkedHashMap<>(tickets));
  }

  @Override
  public byte[] reply() {
    return reply.clone();
  }
}
