package org.kdcmail.kdc.protocol.session;

import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * A user's identity (mail address, compared exactly as given) and master key: the sender's K_A on
 * the client, or a recipient's K_B when opening a ticket or fetching one.
 */
public record UserKey(String identity, MasterKey masterKey) {
  public UserKey {
    SessionWire.identityBytes(identity);
    Objects.requireNonNull(masterKey, "masterKey");
  }

  @Override
  public String toString() {
    return "UserKey[" + identity + "]";
  }
}
