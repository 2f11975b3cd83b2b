package org.kdcmail.kdc.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.session.PairwiseKey;
import org.kdcmail.kdc.protocol.session.RecipientGrant;
import org.kdcmail.kdc.protocol.session.SessionError;
import org.kdcmail.kdc.protocol.session.SessionErrorCodes;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKey;
import org.kdcmail.kdc.protocol.session.SessionKeyId;
import org.kdcmail.kdc.protocol.session.SessionKeyRequest;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.SessionReplySealer;
import org.kdcmail.kdc.protocol.session.SessionRequestOpener;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameCodec;
import org.kdcmail.kdc.protocol.wire.FrameReader;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.FrameWriter;

/**
 * {@link KdcClient} against plain loopback {@link ServerSocket}s: a closed port (connection
 * refused), servers that answer a scripted frame, hang or hang up; fail-over order, the one message
 * naming every address tried, error frames as answers, and session-key requests rebuilt for every
 * address.
 */
class KdcClientTest {
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());
  private static final String ALICE = "alice@example.test";
  private static final String BOB = "bob@example.test";
  private static final MasterKey ALICE_KEY = key(1);
  private static final MasterKey BOB_KEY = key(2);

  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void closeServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  private static MasterKey key(int seed) {
    byte[] bytes = new byte[MasterKey.LENGTH_BYTES];
    java.util.Arrays.fill(bytes, (byte) seed);
    return MasterKey.copyOf(bytes);
  }

  /**
   * A loopback server that reads one frame per connection and answers with {@code script}'s frame;
   * an empty answer closes the connection without replying (a KDC that died).
   */
  private final class ScriptedKdc implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    final List<Frame> received = Collections.synchronizedList(new ArrayList<>());
    final Thread thread;

    ScriptedKdc(Function<Frame, Optional<Frame>> script) throws IOException {
      servers.add(this);
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    Optional<Frame> request =
                        new FrameReader(s.getInputStream(), FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES)
                            .read();
                    if (request.isEmpty()) {
                      continue;
                    }
                    received.add(request.get());
                    Optional<Frame> reply = script.apply(request.get());
                    if (reply.isPresent()) {
                      new FrameWriter(s.getOutputStream()).write(reply.get());
                    }
                  } catch (IOException e) {
                    // closed, or the client went away
                  }
                }
              },
              "scripted-kdc");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    String endpoint() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A loopback port nobody listens on. */
  private static InetSocketAddress closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }
  }

  /** A server that never answers: it accepts, keeps the connection and waits. */
  private ServerSocket silent() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              List<Socket> held = new ArrayList<>();
              while (!socket.isClosed()) {
                try {
                  held.add(socket.accept());
                } catch (IOException e) {
                  break;
                }
              }
            },
            "silent-kdc");
    t.setDaemon(true);
    t.start();
    servers.add(socket);
    return socket;
  }

  private static KdcClient.Builder client(InetSocketAddress... addresses) {
    return KdcClient.builder()
        .addresses(List.of(addresses))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofMillis(300));
  }

  private static final Frame REQUEST = new Frame(FrameType.ADMIN_REQUEST, new byte[] {1, 2, 3});
  private static final Frame REPLY = new Frame(FrameType.ADMIN_RESPONSE, new byte[] {4, 5});

  @Test
  void exchange_firstAddressRefused_secondAnswers() throws Exception {
    ScriptedKdc kdc = new ScriptedKdc(f -> Optional.of(REPLY));

    Frame reply = client(closedPort(), kdc.address()).build().exchange(REQUEST);

    assertThat(reply).isEqualTo(REPLY);
    assertThat(kdc.received).containsExactly(REQUEST);
  }

  @Test
  void exchange_errorFrame_isAnAnswer_theNextAddressIsNotTried() throws Exception {
    ScriptedKdc first =
        new ScriptedKdc(
            f -> Optional.of(SessionErrorCodes.frame(SessionError.REPLAY, "replayed").toFrame()));
    ScriptedKdc second = new ScriptedKdc(f -> Optional.of(REPLY));

    assertThatThrownBy(() -> client(first.address(), second.address()).build().exchange(REQUEST))
        .isInstanceOf(KdcErrorException.class)
        .hasMessageContaining(first.endpoint())
        .hasMessageContaining("replayed");
    assertThat(second.connections).hasValue(0);
  }

  @Test
  void exchange_oneAddressRefused_saysSoInOneLine() throws Exception {
    InetSocketAddress closed = closedPort();

    assertThatThrownBy(() -> client(closed).build().exchange(REQUEST))
        .isInstanceOf(KdcUnreachableException.class)
        .hasMessage("KDC unreachable at 127.0.0.1:" + closed.getPort() + ": connection refused");
  }

  @Test
  void exchange_everyAddressFails_oneMessageNamesEachAddressAndWhy() throws Exception {
    InetSocketAddress closed = closedPort();
    ServerSocket silent = silent();
    ScriptedKdc hangsUp = new ScriptedKdc(f -> Optional.empty());
    ScriptedKdc garbage =
        new ScriptedKdc(f -> Optional.of(new Frame(FrameType.ADMIN_RESPONSE, new byte[70_000])));
    KdcClient client =
        client(
                closed,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                hangsUp.address(),
                garbage.address())
            .maxPayloadBytes(65_536)
            .build();

    assertThatThrownBy(() -> client.exchange(REQUEST))
        .isInstanceOfSatisfying(
            KdcUnreachableException.class,
            e -> {
              assertThat(e.attempts())
                  .extracting(KdcUnreachableException.Attempt::endpoint)
                  .containsExactly(
                      "127.0.0.1:" + closed.getPort(),
                      "127.0.0.1:" + silent.getLocalPort(),
                      hangsUp.endpoint(),
                      garbage.endpoint());
              assertThat(e.getMessage())
                  .startsWith("KDC unreachable (4 addresses tried): ")
                  .contains("127.0.0.1:" + closed.getPort() + ": connection refused; ")
                  .contains("127.0.0.1:" + silent.getLocalPort() + ": no answer within 300 ms; ")
                  .contains(hangsUp.endpoint() + ": closed the connection without answering; ")
                  .contains(garbage.endpoint() + ": sent a malformed frame");
            });
  }

  @Test
  void exchange_defaultMaximum_acceptsRepliesUpToOneMebibyte() throws Exception {
    Frame big = new Frame(FrameType.ADMIN_RESPONSE, new byte[1 << 20]);
    ScriptedKdc kdc = new ScriptedKdc(f -> Optional.of(big));

    KdcClient client = KdcClient.builder().address(kdc.address()).build();

    assertThat(client.maxPayloadBytes()).isEqualTo(1 << 20);
    assertThat(client.exchange(REQUEST).payloadLength()).isEqualTo(1 << 20);
  }

  @Test
  void builder_needsAnAddress_andSaneLimits() {
    assertThatThrownBy(() -> KdcClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one KDC address");
    assertThatThrownBy(() -> KdcClient.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KdcClient.builder().maxPayloadBytes(17 << 20))
        .isInstanceOf(IllegalArgumentException.class);
    KdcClient client =
        KdcClient.builder().address("kdc1.example.test", 7750).address("kdc2", 7751).build();
    assertThat(client.addresses())
        .extracting(InetSocketAddress::getPort)
        .containsExactly(7750, 7751);
  }

  /** Answers a session-key request as a KDC would, granting Bob. */
  private static Optional<Frame> grant(Frame request) {
    try {
      SessionKeyRequest opened = SessionRequestOpener.open(request.payload(), ALICE_KEY);
      byte[] ks = RANDOM.next(32);
      return Optional.of(
          new Frame(
              FrameType.SESSION_KEY_REPLY,
              SessionReplySealer.seal(
                      opened,
                      ALICE_KEY,
                      SessionKey.copyOf(ks),
                      SessionKeyId.ofText("0123456789abcdef0123456789abcdef-1"),
                      Instant.now(),
                      Instant.now().plus(Duration.ofHours(8)),
                      List.of(
                          new RecipientGrant(BOB, BOB_KEY, PairwiseKey.copyOf(RANDOM.next(32)))),
                      RANDOM)
                  .reply()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void requestSessionKey_kdcDiesAfterTheRequest_nextAddressGetsAFreshRequest() throws Exception {
    ScriptedKdc dies = new ScriptedKdc(f -> Optional.empty());
    ScriptedKdc serves = new ScriptedKdc(KdcClientTest::grant);

    SessionGrant grant =
        client(dies.address(), serves.address())
            .build()
            .requestSessionKey(new UserKey(ALICE, ALICE_KEY), List.of(BOB), Clock.systemUTC());

    assertThat(grant.keyId()).isEqualTo(SessionKeyId.ofText("0123456789abcdef0123456789abcdef-1"));
    assertThat(grant.tickets()).extracting(t -> t.recipient()).containsExactly(BOB);
    SessionKeyRequest first = SessionRequestOpener.open(dies.received.get(0).payload(), ALICE_KEY);
    SessionKeyRequest second =
        SessionRequestOpener.open(serves.received.get(0).payload(), ALICE_KEY);
    assertThat(second.nonce()).as("a fresh N_A, not a replay").isNotEqualTo(first.nonce());
  }

  @Test
  void requestSessionKey_clockSkewRefusal_carriesTheKdcsMessage_andIsNotRetried() throws Exception {
    ScriptedKdc skewed =
        new ScriptedKdc(
            f ->
                Optional.of(
                    SessionErrorCodes.frame(
                            SessionError.CLOCK_SKEW, "clock skew 412 s exceeds 300 s")
                        .toFrame()));
    ScriptedKdc other = new ScriptedKdc(KdcClientTest::grant);

    assertThatThrownBy(
            () ->
                client(closedPort(), skewed.address(), other.address())
                    .build()
                    .requestSessionKey(
                        new UserKey(ALICE, ALICE_KEY), List.of(BOB), Clock.systemUTC()))
        .isInstanceOfSatisfying(
            KdcRefusedException.class,
            e -> {
              assertThat(e).hasMessage("clock skew 412 s exceeds 300 s");
              assertThat(e.reason()).contains(SessionError.CLOCK_SKEW);
              assertThat(e.endpoint()).isEqualTo(skewed.endpoint());
            });
    assertThat(other.connections).hasValue(0);
  }

  @Test
  void requestSessionKey_wireErrorWithoutMessage_namesTheCode() throws Exception {
    ScriptedKdc kdc =
        new ScriptedKdc(
            f -> Optional.of(new ErrorFrame(SessionErrorCodes.BASE + 0x05, "").toFrame()));

    assertThatThrownBy(
            () ->
                client(kdc.address())
                    .build()
                    .requestSessionKey(
                        new UserKey(ALICE, ALICE_KEY), List.of(BOB), Clock.systemUTC()))
        .isInstanceOf(KdcRefusedException.class)
        .hasMessage("the KDC refused the request: BAD_REQUEST");
  }

  @Test
  void requestSessionKey_unexpectedFrameType_isAnError() throws Exception {
    ScriptedKdc kdc = new ScriptedKdc(f -> Optional.of(REPLY));

    assertThatThrownBy(
            () ->
                client(kdc.address())
                    .build()
                    .requestSessionKey(
                        new UserKey(ALICE, ALICE_KEY), List.of(BOB), Clock.systemUTC()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("answered with ADMIN_RESPONSE instead of SESSION_KEY_REPLY");
  }
}
