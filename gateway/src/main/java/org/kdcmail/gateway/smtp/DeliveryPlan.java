package org.kdcmail.gateway.smtp;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.UserKey;

/**
 * The KDC's answers for one message, sorted as the mail format requires (docs/mail-format.md §7):
 * the visible recipients (envelope recipients named in To or Cc) share one copy and one session
 * key; each Bcc recipient (an envelope recipient named in neither) gets its own copy, from its own
 * KDC request naming the visible recipients plus that one Bcc recipient. Recipients the KDC does
 * not know are {@link #unenrolled()}. Closing the plan destroys every session and pairwise key.
 */
final class DeliveryPlan implements AutoCloseable {
  private final List<String> visible;
  private final List<String> bcc;
  private final SessionGrant visibleGrant;
  private final Map<String, SessionGrant> bccGrants;
  private final List<String> unenrolled;

  private DeliveryPlan(
      List<String> visible,
      List<String> bcc,
      SessionGrant visibleGrant,
      Map<String, SessionGrant> bccGrants,
      List<String> unenrolled) {
    this.visible = visible;
    this.bcc = bcc;
    this.visibleGrant = visibleGrant;
    this.bccGrants = bccGrants;
    this.unenrolled = unenrolled;
  }

  /**
   * Asks the KDC for every copy's session key.
   *
   * @param recipients the envelope recipients, lower case, no duplicates
   * @param shown the addresses of the message's To and Cc fields, lower case
   * @throws IOException the KDC could not be reached or refused ({@code KdcRefusedException})
   * @throws SessionException the KDC's reply failed verification
   */
  static DeliveryPlan request(
      KdcClient kdc, UserKey sender, List<String> recipients, Set<String> shown, Clock clock)
      throws IOException, SessionException {
    List<String> visible = new ArrayList<>();
    List<String> bcc = new ArrayList<>();
    for (String r : recipients) {
      (shown.contains(r.toLowerCase(Locale.ROOT)) ? visible : bcc).add(r);
    }
    Map<String, SessionGrant> bccGrants = new LinkedHashMap<>();
    SessionGrant visibleGrant = null;
    try {
      List<String> unenrolled = new ArrayList<>();
      if (!visible.isEmpty()) {
        visibleGrant = kdc.requestSessionKey(sender, visible, clock);
        unenrolled.addAll(visibleGrant.unknownRecipients());
      }
      for (String b : bcc) {
        List<String> named = new ArrayList<>(visible);
        named.add(b);
        SessionGrant g = kdc.requestSessionKey(sender, named, clock);
        bccGrants.put(b, g);
        if (g.unknownRecipients().contains(b)) {
          unenrolled.add(b);
        }
      }
      return new DeliveryPlan(
          List.copyOf(visible), List.copyOf(bcc), visibleGrant, bccGrants, List.copyOf(unenrolled));
    } catch (IOException | SessionException | RuntimeException e) {
      if (visibleGrant != null) {
        visibleGrant.destroy();
      }
      bccGrants.values().forEach(SessionGrant::destroy);
      throw e;
    }
  }

  /** Envelope recipients the KDC does not know, visible ones first. */
  List<String> unenrolled() {
    return unenrolled;
  }

  /** Visible recipients the KDC knows: they share the visible copy. */
  List<String> enrolledVisible() {
    return visible.stream().filter(r -> !unenrolled.contains(r)).toList();
  }

  /** Bcc recipients the KDC knows: one copy each. */
  List<String> enrolledBcc() {
    return bcc.stream().filter(r -> !unenrolled.contains(r)).toList();
  }

  /** The grant of the visible copy (only when {@link #enrolledVisible()} is not empty). */
  SessionGrant visibleGrant() {
    return visibleGrant;
  }

  /** The grant of {@code bccRecipient}'s copy. */
  SessionGrant bccGrant(String bccRecipient) {
    return bccGrants.get(bccRecipient);
  }

  /** Total number of copies with these recipients enrolled: visible, each Bcc, plaintext. */
  int encryptedCopies() {
    return (enrolledVisible().isEmpty() ? 0 : 1) + enrolledBcc().size();
  }

  @Override
  public void close() {
    if (visibleGrant != null) {
      visibleGrant.destroy();
    }
    bccGrants.values().forEach(SessionGrant::destroy);
  }
}
