package org.kdcmail.kdc.protocol.session;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;

/**
 * Directory lookup: which of up to 100 addresses are enrolled and active (docs/protocol.md §5.8).
 * Request {@code 01 08 ‖ LP16(ID_A) ‖ box}, the box sealing {@code N_A ‖ T ‖ u16 n ‖ n ×
 * LP16(name)} under {@code HKDF(K_A, "kdcmail directory request v1")}; reply {@code 01 09 ‖ box},
 * the box sealing {@code N_A ‖ u16 n ‖ n × u8 flag} (0 not enrolled, 1 enrolled and active) under
 * {@code HKDF(K_A, "kdcmail directory reply v1")}. Both AADs are {@code version ‖ type ‖ label ‖
 * LP16(ID_A)}. No key is issued. An instance is the requester's outstanding lookup; the static
 * methods are the KDC's side.
 */
public final class DirectoryLookup {

  private static final int NOT_ENROLLED = 0;
  private static final int ENROLLED = 1;

  private final UserKey requester;
  private final DirectoryLookupRequest body;
  private final byte[] request;

  private DirectoryLookup(UserKey requester, DirectoryLookupRequest body, byte[] request) {
    this.requester = requester;
    this.body = body;
    this.request = request;
  }

  /** The requester builds a lookup of {@code names} with a fresh nonce and T = now. */
  public static DirectoryLookup request(
      UserKey requester, List<String> names, Clock clock, SessionRandom random) {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    DirectoryLookupRequest body =
        new DirectoryLookupRequest(
            requester.identity(),
            names,
            random.next(SessionProtocol.NONCE_BYTES),
            Instant.ofEpochMilli(clock.millis()));
    byte[] plain =
        new SessionWire.Writer()
            .bytes(body.nonce())
            .time(body.timestamp())
            .identities(body.names())
            .toByteArray();
    byte[] box =
        SessionCrypto.sealUnder(
            requester.masterKey(),
            SessionProtocol.LABEL_DIRECTORY_REQUEST,
            random,
            plain,
            aad(SessionMessageType.DIRECTORY_REQUEST, requester.identity()));
    byte[] bytes =
        new SessionWire.Writer(SessionMessageType.DIRECTORY_REQUEST)
            .identity(requester.identity())
            .bytes(box)
            .toByteArray();
    return new DirectoryLookup(requester, body, bytes);
  }

  /** The request frame payload ({@code DIRECTORY_LOOKUP_REQUEST}). */
  public byte[] requestBytes() {
    return request.clone();
  }

  /** The request body as sent. */
  public DirectoryLookupRequest sent() {
    return body;
  }

  /**
   * Opens the KDC's answer to this lookup: it must authenticate under K_A, carry this nonce and one
   * flag per name asked about.
   *
   * @throws SessionException {@code MALFORMED}, {@code REJECTED}, {@code NONCE_MISMATCH} or {@code
   *     REPLY_MISMATCH}
   */
  public DirectoryAnswer openReply(byte[] reply) throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(reply, SessionMessageType.DIRECTORY_REPLY);
    byte[] box = r.sealedRest();
    byte[] plain =
        SessionCrypto.openUnder(
            requester.masterKey(),
            SessionProtocol.LABEL_DIRECTORY_REPLY,
            box,
            aad(SessionMessageType.DIRECTORY_REPLY, requester.identity()));
    byte[] nonce;
    byte[] flags;
    try {
      SessionWire.Reader b = new SessionWire.Reader(plain);
      nonce = b.bytes(SessionProtocol.NONCE_BYTES);
      int n = b.u16();
      flags = b.bytes(n);
      b.finish();
    } catch (SessionException e) {
      throw SessionException.rejected();
    }
    if (!MessageDigest.isEqual(nonce, body.nonce())) {
      throw new SessionException(SessionException.NONCE_MISMATCH);
    }
    List<String> names = body.names();
    if (flags.length != names.size()) {
      throw new SessionException(SessionException.REPLY_MISMATCH);
    }
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (int i = 0; i < flags.length; i++) {
      if (flags[i] != NOT_ENROLLED && flags[i] != ENROLLED) {
        throw SessionException.malformed();
      }
      out.put(names.get(i), flags[i] == ENROLLED);
    }
    return new DirectoryAnswer(out);
  }

  /** KDC: the requester named in clear, to look up K_A; unauthenticated until {@link #open}. */
  public static String requester(byte[] request) throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(request, SessionMessageType.DIRECTORY_REQUEST);
    String id = r.identity();
    r.sealedRest();
    return id;
  }

  /**
   * KDC: decrypts and validates a lookup under the requester's master key. Freshness (skew) is the
   * caller's.
   *
   * @throws SessionException {@code MALFORMED} for a malformed frame, {@code REJECTED} for a failed
   *     authentication or a malformed body
   */
  public static DirectoryLookupRequest open(byte[] request, MasterKey requesterKey)
      throws SessionException {
    SessionWire.Reader r = new SessionWire.Reader(request, SessionMessageType.DIRECTORY_REQUEST);
    String id = r.identity();
    byte[] box = r.sealedRest();
    byte[] plain =
        SessionCrypto.openUnder(
            requesterKey,
            SessionProtocol.LABEL_DIRECTORY_REQUEST,
            box,
            aad(SessionMessageType.DIRECTORY_REQUEST, id));
    try {
      SessionWire.Reader b = new SessionWire.Reader(plain);
      byte[] nonce = b.bytes(SessionProtocol.NONCE_BYTES);
      Instant t = b.time();
      List<String> names = b.identities(1);
      b.finish();
      return new DirectoryLookupRequest(id, names, nonce, t);
    } catch (SessionException | IllegalArgumentException e) {
      throw SessionException.rejected();
    }
  }

  /**
   * KDC: seals the answer to an opened lookup; {@code enrolled.get(i)} answers {@code
   * request.names().get(i)}.
   */
  public static byte[] sealReply(
      DirectoryLookupRequest request,
      MasterKey requesterKey,
      List<Boolean> enrolled,
      SessionRandom random) {
    if (enrolled.size() != request.names().size()) {
      throw new IllegalArgumentException("one answer per name asked about");
    }
    byte[] flags = new byte[enrolled.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = (byte) (enrolled.get(i) ? ENROLLED : NOT_ENROLLED);
    }
    byte[] plain =
        new SessionWire.Writer()
            .bytes(request.nonce())
            .u16(flags.length)
            .bytes(flags)
            .toByteArray();
    byte[] box =
        SessionCrypto.sealUnder(
            requesterKey,
            SessionProtocol.LABEL_DIRECTORY_REPLY,
            random,
            plain,
            aad(SessionMessageType.DIRECTORY_REPLY, request.requester()));
    return new SessionWire.Writer(SessionMessageType.DIRECTORY_REPLY).bytes(box).toByteArray();
  }

  private static byte[] aad(SessionMessageType type, String requester) {
    byte[] label =
        type == SessionMessageType.DIRECTORY_REQUEST
            ? SessionProtocol.LABEL_DIRECTORY_REQUEST
            : SessionProtocol.LABEL_DIRECTORY_REPLY;
    return SessionCrypto.aad(type, label, null, requester);
  }
}
