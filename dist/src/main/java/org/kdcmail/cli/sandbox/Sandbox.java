package org.kdcmail.cli.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.kdcmail.gateway.Gateway;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.plugin.enroll.ClientKdfSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox: the office mail server, the KDC with the users enrolled, and the gateway in
 * front of them with every user locked. {@link #close()} stops them in reverse order.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxOffice office;
  private final KdcServer kdc;
  private final Gateway gateway;
  private final SandboxPorts ports;
  private final Path data;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Sandbox(
      SandboxOffice office, KdcServer kdc, Gateway gateway, SandboxPorts ports, Path data) {
    this.office = office;
    this.kdc = kdc;
    this.gateway = gateway;
    this.ports = ports;
    this.data = data;
  }

  /**
   * Starts everything on loopback, reusing the KDC and the users made by an earlier run with the
   * same home and data folders.
   *
   * @param home the kdcmail home folder: KDC folder, client stores, tokens, endpoints file
   * @param data where the KDC's databases live
   * @param progress receives one line per step
   * @throws IOException if a port is taken (naming its option) or the folders do not fit together
   */
  public static Sandbox start(Path home, Path data, SandboxPorts ports, Consumer<String> progress)
      throws Exception {
    Objects.requireNonNull(progress, "progress");
    ports.requireFree();
    progress.accept(
        "starting the office mail server for "
            + SandboxUser.DOMAIN
            + " (GreenMail, SMTP "
            + ports.officeSmtp()
            + ", POP3 "
            + ports.officePop3()
            + ")");
    SandboxOffice office = SandboxOffice.start(ports.officeSmtp(), ports.officePop3());
    KdcServer kdc = null;
    try {
      kdc = SandboxKdc.start(home, data, ports.kdc(), progress);
      new SandboxUsers(kdc, home, progress, ClientKdfSettings.production()).ensureEnrolled();
      progress.accept(
          "starting the gateway (SMTP "
              + ports.smtp()
              + ", POP3 "
              + ports.pop3()
              + ", HTTP "
              + ports.http()
              + ")");
      Gateway gateway = Gateway.start(gatewaySettings(home, ports));
      return new Sandbox(office, kdc, gateway, ports, data);
    } catch (Exception | Error e) {
      if (kdc != null) {
        kdc.close();
      }
      office.close();
      throw e;
    }
  }

  /** The gateway in front of the office server: loopback only, plain upstream, this KDC. */
  static GatewaySettings gatewaySettings(Path home, SandboxPorts ports) {
    return GatewaySettings.builder()
        .home(home)
        .smtpPort(ports.smtp())
        .pop3Port(ports.pop3())
        .httpPort(ports.http())
        .upstreamSmtp(
            new UpstreamServer("127.0.0.1", ports.officeSmtp(), UpstreamServer.Security.PLAIN))
        .upstreamPop3(
            new UpstreamServer("127.0.0.1", ports.officePop3(), UpstreamServer.Security.PLAIN))
        .kdcAddresses(List.of(new InetSocketAddress("127.0.0.1", ports.kdc())))
        .localDomains(Set.of(SandboxUser.DOMAIN))
        .build();
  }

  /** The ports in use. */
  public SandboxPorts ports() {
    return ports;
  }

  /** The KDC's databases' folder. */
  public Path data() {
    return data;
  }

  /** The gateway's TLS certificate fingerprint and where it listens come from here. */
  public Gateway gateway() {
    return gateway;
  }

  /** The KDC's identity fingerprint. */
  public String kdcFingerprint() {
    return kdc.fingerprint().format();
  }

  /** Stops the gateway (locking every key), the KDC and the office server. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(gateway);
    closeQuietly(kdc);
    closeQuietly(office);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage());
    }
  }
}
