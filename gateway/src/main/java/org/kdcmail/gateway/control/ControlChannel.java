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

  /** {@code POST}: trade a pairing code for a prompt token (no bearer). */
  public static final String PAIR = "/pair";

  /** {@code POST}: make a pairing code for a user (that user's token or the control token). */
  public static final String PAIR_NEW = "/pair/new";

  /** {@code POST}: revoke a user's paired tokens (that user's token or the control token). */
  public static final String PAIR_REVOKE = "/pair/revoke";

  /** {@code GET ?user=U}: the prompt's view of a user. */
  public static final String PROMPT_STATE = "/prompt/state";

  /** {@code POST}: unlock from an MK entry. */
  public static final String PROMPT_UNLOCK = "/prompt/unlock";

  /** {@code POST}: what would happen to these recipients. */
  public static final String PROMPT_RECIPIENTS = "/prompt/recipients";

  /** {@code GET ?user=U&wait=S}: long poll for "ask the user now". */
  public static final String PROMPT_NEXT = "/prompt/next";

  /** Largest request body the gateway reads; a larger one is refused with 413. */
  public static final int MAX_BODY_BYTES = 4096;

  /** Content type of every request and answer body. */
  public static final String JSON = "application/json; charset=utf-8";

  private ControlChannel() {}
}
