package org.kdcmail.gateway.http;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.control.ControlChannel;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.prompt.PromptRegistry;
import org.kdcmail.gateway.prompt.PromptServices;
import org.kdcmail.gateway.server.GatewayTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP endpoint on {@code settings.bind():httpPort()} (JDK {@code HttpServer}):
 *
 * <ul>
 *   <li>{@code GET /health} (200 up / 503 down, with the {@link HealthCheck}s given) and {@code GET
 *       /metrics} (Prometheus text), for anyone who can reach it;
 *   <li>Thunderbird autoconfig at {@code /.well-known/autoconfig/mail/config-v1.1.xml} and {@code
 *       /mail/config-v1.1.xml?emailaddress=...};
 *   <li>the unlock channel, {@code POST /unlock}, {@code POST /lock}, {@code GET /status}: loopback
 *       callers only (403 otherwise), each with a bearer token (see {@link UnlockChannel});
 *   <li>pairing ({@code /pair}, {@code /pair/new}, {@code /pair/revoke}) and the prompts' {@code
 *       /prompt/*} endpoints, loopback only ({@link PairingChannel}, {@link PromptChannel}).
 * </ul>
 *
 * At start it writes a fresh control token to {@code HOME/gateway/control.token} (owner-only).
 * Request bodies are bounded to {@value ControlChannel#MAX_BODY_BYTES} bytes and never logged. The
 * autoconfig names {@code settings.smtpPort()}/{@code pop3Port()}; where those are 0 it reads the
 * ports from the endpoints file the composition writes.
 */
public final class GatewayHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHttp.class);

  /** Where Thunderbird looks on the mail domain itself. */
  public static final String WELL_KNOWN_AUTOCONFIG = "/.well-known/autoconfig/mail/config-v1.1.xml";

  /** Where Thunderbird looks on {@code autoconfig.<domain>}. */
  public static final String AUTOCONFIG = "/mail/config-v1.1.xml";

  /** Threads serving requests: every possible long poll plus room for the other requests. */
  static final int HTTP_THREADS = PromptRegistry.MAX_OPEN_POLLS + 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Gauge unlockedUsers;
  private final UnlockToken controlToken;

  private GatewayHttp(
      HttpServer server,
      ExecutorService executor,
      PrometheusMeterRegistry registry,
      Gauge unlockedUsers,
      UnlockToken controlToken,
      AutoCloseable ownedPrompts) {
    this.ownedPrompts = ownedPrompts;
    this.server = server;
    this.executor = executor;
    this.registry = registry;
    this.unlockedUsers = unlockedUsers;
    this.controlToken = controlToken;
  }

  private final AutoCloseable ownedPrompts;

  /** Starts with no health checks beyond "the process answers". */
  public static GatewayHttp start(
      GatewaySettings settings, UnlockedKeys keys, GatewayTls tls, PrometheusMeterRegistry registry)
      throws IOException {
    return start(settings, keys, tls, registry, List.of());
  }

  /**
   * Starts listening with prompt services of its own (no other front shares them).
   *
   * @param tls the STARTTLS identity, whose fingerprint {@code /status} reports
   * @param checks what {@code /health} reports on (e.g. upstream servers and KDC reachable)
   * @throws IOException if the port is taken or the control token cannot be written
   */
  public static GatewayHttp start(
      GatewaySettings settings,
      UnlockedKeys keys,
      GatewayTls tls,
      PrometheusMeterRegistry registry,
      List<HealthCheck> checks)
      throws IOException {
    Objects.requireNonNull(keys, "keys");
    PromptServices prompts = PromptServices.create(settings, keys);
    try {
      return start(settings, prompts, tls, registry, checks, prompts);
    } catch (IOException | RuntimeException e) {
      prompts.close();
      throw e;
    }
  }

  /**
   * Starts listening, sharing {@code prompts} (key cache, login passwords, prompt registry,
   * pairing) with the SMTP and POP3 fronts.
   *
   * @param tls the STARTTLS identity, whose fingerprint {@code /status} reports
   * @param checks what {@code /health} reports on (e.g. upstream servers and KDC reachable)
   * @throws IOException if the port is taken or the control token cannot be written
   */
  public static GatewayHttp start(
      GatewaySettings settings,
      PromptServices prompts,
      GatewayTls tls,
      PrometheusMeterRegistry registry,
      List<HealthCheck> checks)
      throws IOException {
    return start(settings, prompts, tls, registry, checks, () -> {});
  }

  private static GatewayHttp start(
      GatewaySettings settings,
      PromptServices prompts,
      GatewayTls tls,
      PrometheusMeterRegistry registry,
      List<HealthCheck> checks,
      AutoCloseable ownedPrompts)
      throws IOException {
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(registry, "registry");
    UnlockedKeys keys = prompts.keys();
    UnlockToken controlToken = TokenFile.control(settings.home()).replace(new SecureRandom());
    UnlockChannel channel =
        new UnlockChannel(
            settings.home(),
            prompts,
            controlToken,
            settings.localDomains(),
            settings.loopbackOnly(),
            tls.fingerprint(),
            Clock.systemUTC());
    HttpServer server = bind(new InetSocketAddress(settings.bind(), settings.httpPort()));
    route(server, registry, "GET", "/health", new HealthEndpoint(checks));
    route(
        server,
        registry,
        "GET",
        "/metrics",
        r -> HttpReply.text("text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    AutoconfigEndpoint autoconfig = new AutoconfigEndpoint(settings);
    route(server, registry, "GET", WELL_KNOWN_AUTOCONFIG, autoconfig);
    route(server, registry, "GET", AUTOCONFIG, autoconfig);
    route(server, registry, "POST", ControlChannel.UNLOCK, new LoopbackOnly(channel::unlock));
    route(server, registry, "POST", ControlChannel.LOCK, new LoopbackOnly(channel::lock));
    route(server, registry, "GET", ControlChannel.STATUS, new LoopbackOnly(channel::status));
    PairingChannel pairing = new PairingChannel(settings.home(), prompts.pairing(), controlToken);
    route(server, registry, "POST", ControlChannel.PAIR, new LoopbackOnly(pairing::pair));
    route(server, registry, "POST", ControlChannel.PAIR_NEW, new LoopbackOnly(pairing::newCode));
    route(server, registry, "POST", ControlChannel.PAIR_REVOKE, new LoopbackOnly(pairing::revoke));
    PromptChannel prompt = new PromptChannel(prompts);
    route(server, registry, "GET", ControlChannel.PROMPT_STATE, new LoopbackOnly(prompt::state));
    route(server, registry, "POST", ControlChannel.PROMPT_UNLOCK, new LoopbackOnly(prompt::unlock));
    route(
        server,
        registry,
        "POST",
        ControlChannel.PROMPT_RECIPIENTS,
        new LoopbackOnly(prompt::recipients));
    route(server, registry, "GET", ControlChannel.PROMPT_NEXT, new LoopbackOnly(prompt::next));
    server.createContext(
        "/", new Route("GET", "/", r -> HttpReply.error(404, "no such path"), registry));
    // Long polls hold a thread each (at most PromptRegistry.MAX_OPEN_POLLS): room for them and
    // for the ordinary requests; beyond that, requests queue.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            HTTP_THREADS,
            HTTP_THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "kdcmail-gateway-http");
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.start();
    Gauge gauge =
        Gauge.builder("kdcmail.gateway.unlocked.users", keys, k -> k.unlocked().size())
            .description("users whose master key the gateway holds")
            .register(registry);
    GatewayHttp http =
        new GatewayHttp(server, executor, registry, gauge, controlToken, ownedPrompts);
    LOG.info(
        "HTTP on {}: /health, /metrics, autoconfig, unlock channel (loopback callers only)",
        http.address());
    return http;
  }

  private static HttpServer bind(InetSocketAddress address) throws IOException {
    try {
      return HttpServer.create(address, 16);
    } catch (BindException e) {
      throw new IOException(
          "the gateway's HTTP port "
              + address.getPort()
              + " on "
              + address.getAddress().getHostAddress()
              + " is in use (another gateway running?): stop it or choose another HTTP port",
          e);
    }
  }

  private static void route(
      HttpServer server,
      PrometheusMeterRegistry registry,
      String method,
      String path,
      Endpoint endpoint) {
    server.createContext(path, new Route(method, path, endpoint, registry));
  }

  /** The bound address (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops listening at once and releases the threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    registry.remove(unlockedUsers);
    controlToken.destroy();
    try {
      ownedPrompts.close();
    } catch (Exception e) {
      LOG.warn("error while stopping the prompt services: {}", e.getMessage());
    }
  }
}
