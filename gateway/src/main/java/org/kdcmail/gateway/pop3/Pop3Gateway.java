package org.kdcmail.gateway.pop3;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.pop3.POP3Configuration;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.DeleCmdHandler;
import org.apache.james.protocols.pop3.core.ListCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.RetrCmdHandler;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.StlsCmdHandler;
import org.apache.james.protocols.pop3.core.TopCmdHandler;
import org.apache.james.protocols.pop3.core.UidlCmdHandler;
import org.apache.james.protocols.pop3.core.UnknownCmdHandler;
import org.apache.james.protocols.pop3.core.WelcomeMessageHandler;
import org.kdcmail.gateway.GatewayLimits;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.prompt.LoginPasswords;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.gateway.server.MicrometerMetricFactory;
import org.kdcmail.gateway.server.OwnedNettyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's POP3 front: clients read their office mailbox through it with their usual
 * credentials and receive kdcmail messages decrypted, each marked with an {@code X-Kdcmail-Status}
 * field (docs/gateway.md, "POP3"). STLS is always offered; USER/PASS without TLS only when the
 * gateway listens on loopback. Nothing is deleted from the office mailbox unless the client's DELE
 * is followed by its QUIT.
 */
public final class Pop3Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pop3Gateway.class);

  /** Most (recipient, key id) pairs the replay check remembers (in memory, per gateway). */
  static final int REPLAY_MEMORY = 100_000;

  private final OwnedNettyServer server;
  private final MailboxOpener opener;

  private Pop3Gateway(OwnedNettyServer server, MailboxOpener opener) {
    this.server = server;
    this.opener = opener;
  }

  /**
   * Starts listening on {@code settings.bind()}:{@code settings.pop3Port()} (0: any free port).
   *
   * @param keys the unlocked master keys messages are decrypted with
   * @param tls the identity for STLS
   * @param registry where the POP3 meters go
   * @throws IOException if the port cannot be bound or the spool folder cannot be made
   */
  public static Pop3Gateway start(
      GatewaySettings settings, UnlockedKeys keys, GatewayTls tls, MeterRegistry registry)
      throws IOException {
    return start(
        settings,
        keys,
        tls,
        registry,
        new LoginPasswords(keys.policy().idleTimeout(), java.time.Clock.systemUTC()));
  }

  /**
   * Starts the POP3 side sharing {@code prompts}: its key cache, and its login-password memory,
   * which each successful PASS fills (for unlocking from an MK entry).
   */
  public static Pop3Gateway start(
      GatewaySettings settings, PromptServices prompts, GatewayTls tls, MeterRegistry registry)
      throws IOException {
    return start(settings, prompts.keys(), tls, registry, prompts.loginPasswords());
  }

  private static Pop3Gateway start(
      GatewaySettings settings,
      UnlockedKeys keys,
      GatewayTls tls,
      MeterRegistry registry,
      LoginPasswords passwords)
      throws IOException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(registry, "registry");
    GatewayLimits limits = settings.limits();
    Path spool = spoolFolder(settings.home());
    Pop3Metrics metrics = new Pop3Metrics(registry);
    MessageProcessor processor =
        new MessageProcessor(
            spool,
            Clock.systemUTC(),
            new ReplayCache(REPLAY_MEMORY),
            settings.localDomains(),
            metrics);
    MailboxOpener opener =
        new MailboxOpener(
            settings.upstreamPop3(),
            limits.upstreamTimeout(),
            keys,
            new EnrolledUsers(settings.home()),
            processor,
            spool,
            limits.messageMemoryBytes());
    POP3Protocol protocol =
        new POP3Protocol(
            chain(new MicrometerMetricFactory(registry), settings, opener, metrics, passwords),
            new POP3Configuration() {
              @Override
              public String getSoftwareName() {
                return "kdcmail gateway";
              }
            });
    OwnedNettyServer server =
        new OwnedNettyServer(
            protocol,
            Encryption.createStartTls(tls.sslContext()),
            limits.maxLineBytes(),
            limits.maxConnections(),
            Math.min(limits.maxConnections(), 64));
    server.setTimeout((int) Math.max(1, limits.clientIdleTimeout().toSeconds()));
    server.setListenAddresses(new InetSocketAddress(settings.bind(), settings.pop3Port()));
    try {
      server.bind();
    } catch (Exception e) {
      server.unbind();
      throw new IOException(
          "cannot listen for POP3 on "
              + settings.bind().getHostAddress()
              + ":"
              + settings.pop3Port()
              + " ("
              + e.getMessage()
              + "); choose another pop3 port",
          e);
    }
    Pop3Gateway gateway = new Pop3Gateway(server, opener);
    LOG.info(
        "POP3 gateway listening on {} for office server {}",
        gateway.address(),
        settings.upstreamPop3());
    return gateway;
  }

  private static ProtocolHandlerChainImpl chain(
      MetricFactory metricFactory,
      GatewaySettings settings,
      MailboxOpener opener,
      Pop3Metrics metrics,
      LoginPasswords passwords) {
    UserHandler user = new UserHandler(settings.loopbackOnly());
    ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
    chain.addAll(
        List.of(
            new WelcomeMessageHandler(),
            new CapaCmdHandler(metricFactory),
            new StlsCmdHandler(metricFactory),
            user,
            new PassHandler(user, opener, metrics, passwords),
            new PreparingHandler(new StatCmdHandler(metricFactory), false, metrics),
            new PreparingHandler(new ListCmdHandler(metricFactory), false, metrics),
            new PreparingHandler(new RetrCmdHandler(metricFactory), true, metrics),
            new PreparingHandler(new TopCmdHandler(metricFactory), true, metrics),
            new UidlCmdHandler(metricFactory),
            new DeleCmdHandler(metricFactory),
            new RsetCmdHandler(metricFactory),
            new NoopCmdHandler(metricFactory),
            new QuitHandler(),
            new SessionEnd(),
            new UnknownCmdHandler(),
            new CommandDispatcher<POP3Session>()));
    try {
      chain.wireExtensibleHandlers();
    } catch (WiringException e) {
      throw new IllegalStateException("the POP3 handler chain does not wire", e);
    }
    return chain;
  }

  /** {@code home/gateway/spool/pop3}, owner-only; files left by a crash (sealed) are removed. */
  private static Path spoolFolder(Path home) throws IOException {
    Path spool = home.resolve("gateway").resolve("spool").resolve("pop3");
    Files.createDirectories(spool);
    try {
      Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's default permissions apply
    }
    try (Stream<Path> left = Files.list(spool)) {
      for (Path p : left.toList()) {
        Files.deleteIfExists(p);
      }
    }
    return spool;
  }

  /** The bound address (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return server.getListenAddresses().get(0);
  }

  /** Stops listening; open sessions end without QUIT upstream (nothing is deleted). */
  @Override
  public void close() {
    server.unbind();
    opener.closeAll();
  }
}
