package org.kdcmail.mime;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * The KDC's answer for one wrapped copy, as {@link MailWrapper#wrap} needs it: the key id, the
 * sender, the issuing KDC, the session key K_S and one {@link RecipientGrant} per recipient named
 * in this copy. A Bcc copy gets its own material naming only the Bcc recipient.
 *
 * <p>{@link MailWrapper#wrap} destroys K_S and every K_AB when the copy is written; give each copy
 * its own instance.
 *
 * @param keyId printable ASCII, 1 to 64 characters
 * @param sender the sender's mail address
 * @param kdcId the issuing KDC's id, 1 to 255 UTF-8 bytes
 * @param sessionKey K_S, 32 bytes
 * @param grants one grant per recipient, 1 to {@value #MAX_RECIPIENTS}, no address twice
 */
public record SessionMaterial(
    String keyId, String sender, String kdcId, SecretBytes sessionKey, List<RecipientGrant> grants)
    implements Destroyable {

  /** Most recipients in one envelope. */
  public static final int MAX_RECIPIENTS = 1000;

  /** Validates every field; copies the grant list. */
  public SessionMaterial {
    requireKeyId(keyId);
    Addresses.requireValid(sender, "sender");
    Objects.requireNonNull(kdcId, "kdcId");
    if (kdcId.isEmpty() || kdcId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("kdcId must be 1..255 bytes");
    }
    Objects.requireNonNull(sessionKey, "sessionKey");
    if (sessionKey.length() != 32) {
      throw new IllegalArgumentException("sessionKey must be 32 bytes");
    }
    grants = List.copyOf(grants);
    if (grants.isEmpty() || grants.size() > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("grants must name 1.." + MAX_RECIPIENTS + " recipients");
    }
    Set<String> seen = new HashSet<>();
    for (RecipientGrant g : grants) {
      if (!seen.add(Addresses.normalize(g.recipient()))) {
        throw new IllegalArgumentException("a recipient is named twice");
      }
    }
  }

  static void requireKeyId(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isEmpty() || keyId.length() > 64) {
      throw new IllegalArgumentException("keyId must be 1..64 characters");
    }
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("keyId must be printable ASCII");
      }
    }
  }

  /** Destroys K_S and every pairwise key. */
  @Override
  public void destroy() {
    sessionKey.destroy();
    grants.forEach(g -> g.pairwiseKey().destroy());
  }

  @Override
  public boolean isDestroyed() {
    return sessionKey.isDestroyed();
  }

  @Override
  public String toString() {
    return "SessionMaterial[" + keyId + ", " + grants.size() + " recipients]";
  }
}
