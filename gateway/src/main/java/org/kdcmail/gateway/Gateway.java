package org.kdcmail.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.gateway.server.GatewayTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the TLS identity, one cache of unlocked master keys, one Prometheus registry,
 * and the HTTP, SMTP and POP3 fronts started in that order; the endpoints file tells {@code kdcmail
 * unlock}, {@code lock} and {@code status} where it listens. {@link #close()} stops the fronts,
 * zeroizes every unlocked key and removes the endpoints file.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewaySettings settings;
  private final UnlockedKeys keys;
  private final PromptServices prompts;
  private final PrometheusMeterRegistry registry;
  private final GatewayTls tls;
  private final List<AutoCloseable> fronts;
  private final GatewayEndpoints endpoints;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Gateway(
      GatewaySettings settings,
      PromptServices prompts,
      PrometheusMeterRegistry registry,
      GatewayTls tls,
      List<AutoCloseable> fronts,
      GatewayEndpoints endpoints) {
    this.settings = settings;
    this.keys = prompts.keys();
    this.prompts = prompts;
    this.registry = registry;
    this.tls = tls;
    this.fronts = List.copyOf(fronts);
    this.endpoints = endpoints;
  }

  /** Where the self-signed certificate is made and kept when no TLS files are configured. */
  public static Path selfSignedFolder(Path home) {
    return home.resolve("gateway").resolve("tls");
  }

  /**
   * Starts the gateway {@code settings} describe: the TLS identity ({@code settings.tls()}, else a
   * self-signed one in {@link #selfSignedFolder}), then the HTTP, SMTP and POP3 fronts, then the
   * endpoints file; logs the effective configuration once.
   *
   * @throws PortInUseException if a listener's port is taken, naming the setting to change
   * @throws IOException if another gateway runs for the same home, the TLS files cannot be read, or
   *     a front cannot start
   */
  public static Gateway start(GatewaySettings settings) throws IOException {
    return start(settings, GatewayFronts.standard());
  }

  /**
   * Starts a gateway with fronts made by {@code starters}, keyed by listener and started in {@link
   * GatewayListener} order (tests pass stand-ins).
   *
   * @throws PortInUseException if a listener's port is taken, naming the setting to change
   * @throws IOException if another gateway runs for the same home, or a front cannot start
   */
  static Gateway start(GatewaySettings settings, Map<GatewayListener, FrontStarter> starters)
      throws IOException {
    Objects.requireNonNull(settings, "settings");
    refuseSecondGateway(settings.home());
    for (GatewayListener listener : GatewayListener.values()) {
      requireFree(listener, settings);
    }
    GatewayTls tls = tls(settings);
    UnlockedKeys keys = UnlockedKeys.create(settings.keyCache());
    PromptServices prompts = PromptServices.create(settings, keys);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Map<GatewayListener, InetSocketAddress> at = new EnumMap<>(GatewayListener.class);
      for (GatewayListener listener : GatewayListener.values()) {
        FrontStarter.Running front =
            startFront(listener, starters.get(listener), settings, prompts, tls, registry);
        started.add(front.stopper());
        at.put(listener, front.address());
      }
      GatewayEndpoints endpoints =
          new GatewayEndpoints(
              reachable(at.get(GatewayListener.SMTP)),
              reachable(at.get(GatewayListener.POP3)),
              reachable(at.get(GatewayListener.HTTP)),
              ProcessHandle.current().pid());
      endpoints.write(settings.home());
      LOG.info("{}", EffectiveConfiguration.describe(settings, endpoints, tls));
      return new Gateway(settings, prompts, registry, tls, started, endpoints);
    } catch (IOException | RuntimeException | Error e) {
      stopAll(started);
      prompts.close();
      keys.close();
      registry.close();
      throw e;
    }
  }

  /** Where the fronts listen, as written to the endpoints file. */
  public GatewayEndpoints endpoints() {
    return endpoints;
  }

  /** The settings it runs with. */
  public GatewaySettings settings() {
    return settings;
  }

  /** The TLS identity clients see on STARTTLS/STLS. */
  public GatewayTls tls() {
    return tls;
  }

  /** The unlocked master keys (the unlock channel fills it). */
  public UnlockedKeys keys() {
    return keys;
  }

  /** The prompt services: remembered login passwords, prompt registry, pairing. */
  public PromptServices prompts() {
    return prompts;
  }

  /** Stops the fronts (last started first), locks every key, removes the endpoints file. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<AutoCloseable> reversed = new ArrayList<>(fronts);
    Collections.reverse(reversed);
    stopAll(reversed);
    int locked = keys.lockAll();
    prompts.close();
    keys.close();
    try {
      GatewayEndpoints.remove(settings.home(), endpoints.pid());
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", GatewayEndpoints.file(settings.home()), e.getMessage());
    }
    registry.close();
    LOG.info("gateway stopped; {} unlocked key(s) zeroized", locked);
  }

  private static GatewayTls tls(GatewaySettings settings) throws IOException {
    if (settings.tls().isPresent()) {
      GatewaySettings.TlsFiles files = settings.tls().get();
      return GatewayTls.load(files.certificateChain(), files.privateKey());
    }
    return GatewayTls.selfSigned(selfSignedFolder(settings.home()));
  }

  private static FrontStarter.Running startFront(
      GatewayListener listener,
      FrontStarter starter,
      GatewaySettings settings,
      PromptServices prompts,
      GatewayTls tls,
      PrometheusMeterRegistry registry)
      throws IOException {
    Objects.requireNonNull(starter, () -> "no front for " + listener);
    try {
      return starter.start(settings, prompts, tls, registry);
    } catch (IOException | RuntimeException e) {
      if (causedByBind(e)) {
        throw new PortInUseException(listener, settings.bind(), listener.port(settings), e);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException(
          "the gateway's " + listener.label() + " listener did not start: " + e.getMessage(), e);
    }
  }

  /** Fails early and clearly when a fixed port is taken (the fronts' own errors vary). */
  private static void requireFree(GatewayListener listener, GatewaySettings settings)
      throws PortInUseException {
    int port = listener.port(settings);
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(settings.bind(), port));
    } catch (IOException e) {
      throw new PortInUseException(listener, settings.bind(), port, e);
    }
  }

  private static void refuseSecondGateway(Path home) throws IOException {
    if (!Files.exists(GatewayEndpoints.file(home))) {
      return;
    }
    long pid;
    try {
      pid = GatewayEndpoints.read(home).pid();
    } catch (IOException e) {
      return; // a damaged file is overwritten below
    }
    if (pid != ProcessHandle.current().pid()
        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new IOException(
          "a gateway (process "
              + pid
              + ") is already running for the home folder "
              + home
              + ": stop it first, or use another --home");
    }
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** A wildcard bind is reached through loopback by the commands on this machine. */
  private static InetSocketAddress reachable(InetSocketAddress a) {
    return a.getAddress().isAnyLocalAddress()
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), a.getPort())
        : a;
  }

  private static void stopAll(List<AutoCloseable> fronts) {
    for (AutoCloseable front : fronts) {
      try {
        front.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", front.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
