package org.kdcmail.mime;

import java.security.GeneralSecurityException;

/**
 * Opens a recipient's ticket. The caller binds the recipient's master key inside the
 * implementation; the mime module never sees it.
 */
@FunctionalInterface
public interface TicketOpener {

  /**
   * The ticket's content, if it is authentic and sealed for {@code recipient}.
   *
   * @throws GeneralSecurityException if the ticket does not open (forged, damaged, wrong key)
   */
  OpenedTicket open(byte[] ticket, String recipient) throws GeneralSecurityException;
}
