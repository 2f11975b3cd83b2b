package org.kdcmail.gateway;

/** What the SMTP side does with a message for a recipient who is not enrolled at the KDC. */
public enum UnenrolledPolicy {
  /** Refuse the message (550 5.7.1 naming the recipients); nothing is sent. The default. */
  REJECT,
  /** Send it to the unenrolled recipients in the clear, with a warning header. */
  PLAINTEXT,
  /**
   * Keep it in the durable hold spool until every recipient is enrolled, or an admin releases or
   * discards it ({@code kdcmail admin held}); the sender gets 250 and a notice.
   */
  HOLD
}
