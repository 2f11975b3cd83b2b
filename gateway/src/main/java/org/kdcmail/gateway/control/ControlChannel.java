package org.kdcmail.gateway.control;

/**
 * The unlock channel's fixed facts, shared by the gateway's HTTP endpoint and {@link
 * ControlClient}: paths, the body bound and the content type.
 */
public final class ControlChannel {

  /** {@code POST}: hand a user's master key to the gateway (the user's token). */
  public static final String UNLOCK = "/unlock";

  /** {@code POST}: drop one user's key (that user's token) or every key (the control token). */
  public static final String LOCK = "/lock";

  /** {@code GET}: who is unlocked and until when (the control token). */
  public static final String STATUS = "/status";

  /** Largest request body the gateway reads; a larger one is refused with 413. */
  public static final int MAX_BODY_BYTES = 4096;

  /** Content type of every request and answer body. */
  public static final String JSON = "application/json; charset=utf-8";

  private ControlChannel() {}
}
