package org.kdcmail.gateway.smtp;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.kdcmail.gateway.GatewayLimits;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.hold.HoldSpool;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.gateway.server.GatewayTls;
import org.kdcmail.gateway.server.MicrometerMetricFactory;
import org.kdcmail.gateway.server.OwnedNettyServer;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.mime.WrapOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SMTP side: an SMTP submission server for ordinary mail clients that encrypts every
 * message (docs/gateway.md, "SMTP") and relays it to the office SMTP server with the user's own
 * login. Answers 250 only once the office server accepted every copy (or the message is durably
 * held); every failure the client can retry is a 4xx. Runs until {@link #close()}.
 */
public final class SmtpGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpGateway.class);

  private final OwnedNettyServer server;
  private final UpstreamPool upstream;
  private final HoldRetrier retrier;
  private final ScheduledExecutorService housekeeping;
  private final InetSocketAddress address;
  private final AutoCloseable ownedPrompts;

  private SmtpGateway(
      OwnedNettyServer server,
      UpstreamPool upstream,
      HoldRetrier retrier,
      ScheduledExecutorService housekeeping,
      AutoCloseable ownedPrompts) {
    this.ownedPrompts = ownedPrompts;
    this.server = server;
    this.upstream = upstream;
    this.retrier = retrier;
    this.housekeeping = housekeeping;
    this.address = server.getListenAddresses().get(0);
  }

  /** Starts the SMTP side with {@link SmtpOptions#DEFAULTS}. */
  public static SmtpGateway start(
      GatewaySettings settings, UnlockedKeys keys, GatewayTls tls, MeterRegistry registry)
      throws IOException {
    return start(settings, keys, tls, registry, SmtpOptions.DEFAULTS);
  }

  /**
   * Starts with prompt services of its own (no prompt shares them: a locked key gets 451 at once).
   *
   * @throws IOException when the spool folder cannot be made or the port cannot be bound
   */
  public static SmtpGateway start(
      GatewaySettings settings,
      UnlockedKeys keys,
      GatewayTls tls,
      MeterRegistry registry,
      SmtpOptions options)
      throws IOException {
    PromptServices prompts = PromptServices.create(settings, keys);
    try {
      return start(settings, prompts, tls, registry, options, prompts);
    } catch (IOException | RuntimeException e) {
      prompts.close();
      throw e;
    }
  }

  /**
   * Starts listening on {@code settings.bind()}/{@code smtpPort()} with STARTTLS from {@code tls},
   * sharing {@code prompts} (key cache, login passwords, prompt registry) with the other fronts.
   *
   * @throws IOException when the spool folder cannot be made or the port cannot be bound
   */
  public static SmtpGateway start(
      GatewaySettings settings,
      PromptServices prompts,
      GatewayTls tls,
      MeterRegistry registry,
      SmtpOptions options)
      throws IOException {
    return start(settings, prompts, tls, registry, options, () -> {});
  }

  private static SmtpGateway start(
      GatewaySettings settings,
      PromptServices prompts,
      GatewayTls tls,
      MeterRegistry registry,
      SmtpOptions options,
      AutoCloseable ownedPrompts)
      throws IOException {
    Objects.requireNonNull(tls, "tls");
    UnlockedKeys keys = prompts.keys();
    GatewayLimits limits = settings.limits();
    Path spool = spoolFolder(settings.home());
    SmtpMetrics metrics = new SmtpMetrics(registry);
    UpstreamPool upstream =
        new UpstreamPool(
            new UpstreamSmtp(settings.upstreamSmtp(), limits.upstreamTimeout()),
            options.upstreamConnectionsPerUser(),
            options.upstreamIdleTimeout(),
            limits.upstreamTimeout());
    CredentialCache logins = new CredentialCache(options.loginCacheTtl(), Clock.systemUTC());
    KdcClient kdc =
        KdcClient.builder()
            .addresses(settings.kdcAddresses())
            .connectTimeout(settings.kdcTimeout())
            .readTimeout(settings.kdcTimeout())
            .build();
    WrapOptions wrap =
        WrapOptions.builder()
            .subjectPlaceholder(settings.subjectPlaceholder())
            .spoolDir(spool)
            .build();
    HoldSpool hold = new HoldSpool(settings.home());
    CopyRelay relay = new CopyRelay(upstream, logins, wrap, kdcId(settings), metrics);
    Submitter submitter =
        new Submitter(
            keys,
            prompts,
            kdc,
            settings.unenrolledPolicy(),
            relay,
            hold,
            new HoldNotice(upstream),
            metrics,
            Clock.systemUTC());
    MicrometerMetricFactory jamesMetrics = new MicrometerMetricFactory(registry);
    OwnedNettyServer server;
    try {
      server =
          new OwnedNettyServer(
              new SMTPProtocol(
                  SmtpChain.build(
                      jamesMetrics,
                      spool,
                      limits.messageMemoryBytes(),
                      new LoginHook(
                          settings.loopbackOnly(),
                          logins,
                          upstream,
                          metrics,
                          prompts.loginPasswords()),
                      new EnvelopeHook(limits.maxRecipients()),
                      new SubmissionHook(submitter)),
                  new GatewaySmtpConfiguration(settings.loopbackOnly(), limits.maxMessageBytes())),
              Encryption.createStartTls(tls.sslContext()),
              limits.maxLineBytes(),
              limits.maxConnections(),
              Math.min(limits.maxConnections(), 256));
    } catch (WiringException e) {
      throw new IllegalStateException("the SMTP handler chain does not wire", e);
    }
    server.setListenAddresses(new InetSocketAddress(settings.bind(), settings.smtpPort()));
    server.setTimeout((int) Math.max(1, limits.clientIdleTimeout().toSeconds()));
    try {
      server.bind();
    } catch (Exception e) {
      server.unbind();
      upstream.close();
      throw new IOException(
          "cannot listen for SMTP on "
              + settings.bind().getHostAddress()
              + ":"
              + settings.smtpPort()
              + " ("
              + e.getMessage()
              + "); is another gateway running? Change smtpPort in the configuration",
          e);
    }
    HoldRetrier retrier =
        new HoldRetrier(hold, keys, submitter, options.holdRetryInterval(), Clock.systemUTC());
    retrier.start();
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kdcmail-smtp-upstream-idle");
              t.setDaemon(true);
              return t;
            });
    housekeeping.scheduleWithFixedDelay(upstream::closeIdle, 10, 10, TimeUnit.SECONDS);
    SmtpGateway g = new SmtpGateway(server, upstream, retrier, housekeeping, ownedPrompts);
    LOG.info(
        "SMTP gateway listening on {} (AUTH {}), relaying to {}, policy for recipients not"
            + " enrolled: {}",
        g.address,
        settings.loopbackOnly() ? "allowed without TLS on loopback" : "after STARTTLS only",
        settings.upstreamSmtp(),
        settings.unenrolledPolicy());
    return g;
  }

  /** The bound address (the real port when port 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  /** Stops listening, stops the hold retries and closes the upstream connections. */
  @Override
  public void close() {
    server.unbind();
    retrier.close();
    housekeeping.shutdownNow();
    upstream.close();
    try {
      ownedPrompts.close();
    } catch (Exception e) {
      LOG.warn("error while stopping the prompt services: {}", e.getMessage());
    }
  }

  /** The KDC id written into envelopes: the first configured KDC address. */
  private static String kdcId(GatewaySettings settings) {
    InetSocketAddress a = settings.kdcAddresses().get(0);
    return a.getHostString() + ":" + a.getPort();
  }

  /**
   * {@code home/gateway/spool/smtp}, owner-only; files a crash left behind (sealed under keys that
   * died with the process) are deleted.
   */
  private static Path spoolFolder(Path home) throws IOException {
    Path dir = home.resolve("gateway").resolve("spool").resolve("smtp");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir)) {
      for (Path f : leftovers) {
        Files.deleteIfExists(f);
      }
    }
    return dir;
  }
}
