package org.kdcmail.kdc.protocol.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.kdcmail.kdc.protocol.session.DirectoryAnswer;
import org.kdcmail.kdc.protocol.session.DirectoryLookup;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionKeyId;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.TicketFetch;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KDC client over a list of KDC addresses with fail-over. Each exchange opens one connection to
 * the first address, and moves on to the next only when that one does not answer: connection
 * refused, no connection within the connect timeout, no reply within the read timeout, connection
 * lost or a malformed frame. An error frame is an answer, not an outage, and is never retried
 * elsewhere. When every address failed, {@link KdcUnreachableException} names each address and why.
 *
 * <p>Nothing here changes the wire: the frames are those of docs/protocol.md §2 and §5, one request
 * and one reply per connection. {@link #requestSessionKey} builds a fresh request (new N_A and T)
 * for every address it tries, so a request that reached a KDC which then failed is never replayed
 * to the next one (which would be refused as {@code REPLAY} by the shared replay cache).
 *
 * <p>Immutable and thread-safe: concurrent calls use separate connections.
 */
public final class KdcClient {
  private static final Logger log = LoggerFactory.getLogger(KdcClient.class);

  /** Default largest reply accepted: 1 MiB (a reply for 100 recipients is about 420 KB). */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;

  private final List<InetSocketAddress> addresses;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxPayloadBytes;
  private final SessionRandom random;

  private KdcClient(Builder b) {
    this.addresses = List.copyOf(b.addresses);
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.random = b.random != null ? b.random : SessionRandom.of(new SecureRandom());
  }

  /** A builder with no address yet, the {@link KdcConnection} timeouts and a 1 MiB maximum. */
  public static Builder builder() {
    return new Builder();
  }

  /** The KDC addresses, in the order they are tried. */
  public List<InetSocketAddress> addresses() {
    return addresses;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /**
   * Sends {@code request} and returns the reply from the first address that answers.
   *
   * <p>The request may have reached an earlier address before it failed (e.g. the KDC died before
   * replying), so only send requests here that are safe to repeat; {@link #requestSessionKey}
   * handles session-key requests itself.
   *
   * @throws KdcErrorException the KDC answered with an error frame (no fail-over)
   * @throws KdcUnreachableException no address answered; the message names each and why
   */
  public Frame exchange(Frame request) throws IOException {
    Objects.requireNonNull(request, "request");
    try {
      return send(i -> request).reply();
    } catch (Refused e) {
      throw e.error;
    }
  }

  /**
   * Asks the KDC for a session key for a message from {@code sender} to {@code recipients} (1..100
   * distinct identities) and verifies the reply under the sender's master key.
   *
   * @throws KdcRefusedException the KDC refused; its message is the KDC's (e.g. {@code clock skew
   *     412 s exceeds 300 s})
   * @throws KdcUnreachableException no address answered
   * @throws SessionException the reply failed verification (not retried elsewhere: a forged or
   *     replayed reply is not an outage)
   * @throws IOException the KDC answered with an unexpected frame type
   */
  public SessionGrant requestSessionKey(UserKey sender, List<String> recipients, Clock clock)
      throws IOException, SessionException {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(clock, "clock");
    SessionKeyClient[] requests = new SessionKeyClient[addresses.size()];
    Answer answer =
        sendRefusable(
            i -> {
              requests[i] = SessionKeyClient.request(sender, recipients, clock, random);
              return new Frame(FrameType.SESSION_KEY_REQUEST, requests[i].requestBytes());
            });
    return requests[answer.index()].openReply(
        expect(answer, FrameType.SESSION_KEY_REPLY).payload());
  }

  /**
   * Fetches again the ticket of {@code keyId} for {@code recipient} (a copy whose ticket went
   * missing); open it with {@link SessionKeyClient#openTicket}.
   *
   * @throws KdcRefusedException the KDC refused (e.g. {@code NOT_A_RECIPIENT}, {@code KEY_REVOKED})
   * @throws KdcUnreachableException no address answered
   * @throws SessionException the reply failed verification
   */
  public byte[] fetchTicket(UserKey recipient, SessionKeyId keyId, Clock clock)
      throws IOException, SessionException {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(clock, "clock");
    TicketFetch[] fetches = new TicketFetch[addresses.size()];
    Answer answer =
        sendRefusable(
            i -> {
              fetches[i] = TicketFetch.request(recipient, keyId, clock, random);
              return new Frame(FrameType.TICKET_FETCH_REQUEST, fetches[i].requestBytes());
            });
    return fetches[answer.index()].openReply(
        expect(answer, FrameType.TICKET_FETCH_REPLY).payload());
  }

  /**
   * Asks the KDC which of {@code names} (1..100 distinct addresses) are enrolled and active,
   * authenticated as {@code requester}; nothing is issued.
   *
   * @throws KdcRefusedException the KDC refused (e.g. {@code CLOCK_SKEW}, {@code UNKNOWN_SENDER})
   * @throws KdcUnreachableException no address answered
   * @throws SessionException the reply failed verification
   */
  public DirectoryAnswer lookupDirectory(UserKey requester, List<String> names, Clock clock)
      throws IOException, SessionException {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(clock, "clock");
    DirectoryLookup[] lookups = new DirectoryLookup[addresses.size()];
    Answer answer =
        sendRefusable(
            i -> {
              lookups[i] = DirectoryLookup.request(requester, names, clock, random);
              return new Frame(FrameType.DIRECTORY_LOOKUP_REQUEST, lookups[i].requestBytes());
            });
    return lookups[answer.index()].openReply(
        expect(answer, FrameType.DIRECTORY_LOOKUP_REPLY).payload());
  }

  private static Frame expect(Answer answer, FrameType type) throws IOException {
    if (answer.reply().type() != type) {
      throw new IOException(
          "KDC at "
              + answer.endpoint()
              + " answered with "
              + answer.reply().type()
              + " instead of "
              + type);
    }
    return answer.reply();
  }

  private record Answer(int index, String endpoint, Frame reply) {}

  /** {@link #send} with an error frame turned into {@link KdcRefusedException}. */
  private Answer sendRefusable(IntFunction<Frame> requestForAttempt) throws IOException {
    try {
      return send(requestForAttempt);
    } catch (Refused e) {
      throw new KdcRefusedException(e.endpoint, e.error.error(), e.error);
    }
  }

  /** Tries each address in order with the request built for that attempt. */
  private Answer send(IntFunction<Frame> requestForAttempt) throws IOException {
    List<KdcUnreachableException.Attempt> failed = new ArrayList<>();
    IOException last = null;
    for (int i = 0; i < addresses.size(); i++) {
      InetSocketAddress address = resolve(addresses.get(i));
      String endpoint = describe(address);
      Frame request = requestForAttempt.apply(i);
      try {
        return new Answer(i, endpoint, attempt(address, request));
      } catch (KdcErrorException e) {
        throw new Refused(endpoint, e);
      } catch (Unanswered e) {
        failed.add(new KdcUnreachableException.Attempt(endpoint, e.getMessage()));
        last = e.failure;
        if (i + 1 < addresses.size()) {
          log.warn(
              "KDC at {} unreachable ({}); trying {}",
              endpoint,
              e.getMessage(),
              describe(addresses.get(i + 1)));
        }
      }
    }
    throw new KdcUnreachableException(failed, last);
  }

  private Frame attempt(InetSocketAddress address, Frame request)
      throws KdcErrorException, Unanswered {
    if (address.isUnresolved()) {
      throw new Unanswered("unknown host", new UnknownHostException(address.getHostString()));
    }
    KdcConnection connection;
    try {
      connection = KdcConnection.connect(address, connectTimeout, readTimeout, maxPayloadBytes);
    } catch (IOException e) {
      throw new Unanswered(connectFailure(e.getCause() != null ? e.getCause() : e), e);
    }
    try (connection) {
      return connection.exchange(request);
    } catch (KdcErrorException e) {
      throw e;
    } catch (IOException e) {
      throw new Unanswered(exchangeFailure(e), e);
    }
  }

  private String connectFailure(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof SocketTimeoutException) {
      return "no connection within " + human(connectTimeout);
    }
    if (cause instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (cause instanceof UnknownHostException) {
      return "unknown host";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  private String exchangeFailure(IOException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (e instanceof EOFException) {
      return "closed the connection without answering";
    }
    if (cause instanceof SocketTimeoutException) {
      return "no answer within " + human(readTimeout);
    }
    if (e instanceof MalformedFrameException m) {
      return "sent a malformed frame (" + m.getMessage() + ")";
    }
    return "connection lost ("
        + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName())
        + ")";
  }

  /** Resolves a host name at each attempt, so a changed DNS entry is picked up. */
  private static InetSocketAddress resolve(InetSocketAddress address) {
    return address.isUnresolved()
        ? new InetSocketAddress(address.getHostString(), address.getPort())
        : address;
  }

  static String describe(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return host + ":" + address.getPort();
  }

  static String human(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  /** A transport failure at one address: the message is the reason, for the final message. */
  private static final class Unanswered extends Exception {
    private static final long serialVersionUID = 1L;
    final transient IOException failure;

    Unanswered(String reason, IOException failure) {
      super(reason, null, false, false);
      this.failure = failure;
    }
  }

  /** An error frame, carried out of {@link #send} to the caller that knows what it means. */
  private static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final String endpoint;
    final transient KdcErrorException error;

    Refused(String endpoint, KdcErrorException error) {
      super(error.getMessage(), error);
      this.endpoint = endpoint;
      this.error = error;
    }
  }

  /** Configures a {@link KdcClient}. */
  public static final class Builder {
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private Duration connectTimeout = KdcConnection.DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = KdcConnection.DEFAULT_READ_TIMEOUT;
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private SessionRandom random;

    private Builder() {}

    /** Adds one address, tried after those added before it. */
    public Builder address(InetSocketAddress address) {
      addresses.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** Adds {@code host:port}; the name is resolved at each attempt. */
    public Builder address(String host, int port) {
      return address(InetSocketAddress.createUnresolved(host, port));
    }

    /** Adds these addresses, in order. */
    public Builder addresses(List<InetSocketAddress> more) {
      more.forEach(this::address);
      return this;
    }

    /** Bound on each connection attempt (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Bound on the wait for each reply (default 30 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** Largest reply payload accepted (default 1 MiB, at most 16 MiB). */
    public Builder maxPayloadBytes(int max) {
      if (max < 1 || max > FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException(
            "maxPayloadBytes must be in 1.." + FrameCodec.ABSOLUTE_MAX_PAYLOAD_BYTES);
      }
      this.maxPayloadBytes = max;
      return this;
    }

    /** Randomness for request nonces (default: a {@link SecureRandom}). */
    public Builder random(SessionRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * @throws IllegalStateException when no address was given
     */
    public KdcClient build() {
      if (addresses.isEmpty()) {
        throw new IllegalStateException("a KDC client needs at least one KDC address");
      }
      return new KdcClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " must be positive and at most 24 days");
      }
      return d;
    }
  }
}
