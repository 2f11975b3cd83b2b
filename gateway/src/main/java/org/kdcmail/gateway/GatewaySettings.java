package org.kdcmail.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;

/**
 * Everything one gateway needs, immutable; built with {@link #builder()}, read from YAML by the
 * configuration loader. {@link #toString()} is the effective configuration as logged at start (it
 * holds no secrets).
 *
 * @param home the kdcmail home folder: client stores, unlock tokens, TLS material, spools
 * @param bind the address the client-facing listeners bind (default loopback)
 * @param smtpPort client SMTP submission port (default 2525)
 * @param pop3Port client POP3 port (default 2110)
 * @param httpPort health, metrics, autoconfig and (loopback only) the unlock channel (default 2180)
 * @param upstreamSmtp the office SMTP server mail is relayed to
 * @param upstreamPop3 the office POP3 server mailboxes are read from
 * @param kdcAddresses the KDC nodes, tried in order
 * @param kdcTimeout connect and read timeout per KDC node
 * @param localDomains the office's mail domains (lower case)
 * @param unenrolledPolicy what to do with recipients who are not enrolled
 * @param keyCache how long unlocked master keys are kept
 * @param limits client-facing bounds
 * @param tls certificate and key for STARTTLS/STLS, or empty to make a self-signed one at first
 *     start (kept under {@code home/gateway/tls})
 * @param subjectPlaceholder the Subject the office server sees
 * @param promptWait how long a client waits for an on-demand unlock prompt before 4xx
 * @param userPointCost the Argon2id cost of p1 the users' client stores were enrolled with, used
 *     when the gateway unlocks from an MK entry (default RFC 9106's second recommendation, the one
 *     {@code kdcmail enroll} uses)
 */
public record GatewaySettings(
    Path home,
    InetAddress bind,
    int smtpPort,
    int pop3Port,
    int httpPort,
    UpstreamServer upstreamSmtp,
    UpstreamServer upstreamPop3,
    List<InetSocketAddress> kdcAddresses,
    Duration kdcTimeout,
    Set<String> localDomains,
    UnenrolledPolicy unenrolledPolicy,
    KeyCachePolicy keyCache,
    GatewayLimits limits,
    Optional<TlsFiles> tls,
    String subjectPlaceholder,
    Duration promptWait,
    Argon2Parameters userPointCost) {

  /** Default client SMTP port. */
  public static final int DEFAULT_SMTP_PORT = 2525;

  /** Default client POP3 port. */
  public static final int DEFAULT_POP3_PORT = 2110;

  /** Default HTTP port (health, metrics, autoconfig, unlock channel). */
  public static final int DEFAULT_HTTP_PORT = 2180;

  /**
   * A configured certificate chain and private key, both PEM.
   *
   * @param certificateChain PEM certificates, leaf first
   * @param privateKey PEM private key (PKCS#8), readable only by the gateway's user
   */
  public record TlsFiles(Path certificateChain, Path privateKey) {
    public TlsFiles {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  public GatewaySettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(upstreamSmtp, "upstreamSmtp");
    Objects.requireNonNull(upstreamPop3, "upstreamPop3");
    Objects.requireNonNull(kdcTimeout, "kdcTimeout");
    Objects.requireNonNull(unenrolledPolicy, "unenrolledPolicy");
    Objects.requireNonNull(keyCache, "keyCache");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(subjectPlaceholder, "subjectPlaceholder");
    Objects.requireNonNull(promptWait, "promptWait");
    Objects.requireNonNull(userPointCost, "userPointCost");
    kdcAddresses = List.copyOf(kdcAddresses);
    if (kdcAddresses.isEmpty()) {
      throw new IllegalArgumentException("at least one KDC address is needed");
    }
    Set<String> domains = new LinkedHashSet<>();
    for (String d : localDomains) {
      domains.add(d.toLowerCase(Locale.ROOT));
    }
    localDomains = Set.copyOf(domains);
    port(smtpPort, "smtpPort");
    port(pop3Port, "pop3Port");
    port(httpPort, "httpPort");
  }

  /** Whether the client-facing listeners are on a loopback address only. */
  public boolean loopbackOnly() {
    return bind.isLoopbackAddress();
  }

  /** A builder with the defaults; upstream servers and a KDC address must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.home = home;
    b.bind = bind;
    b.smtpPort = smtpPort;
    b.pop3Port = pop3Port;
    b.httpPort = httpPort;
    b.upstreamSmtp = upstreamSmtp;
    b.upstreamPop3 = upstreamPop3;
    b.kdcAddresses = kdcAddresses;
    b.kdcTimeout = kdcTimeout;
    b.localDomains = localDomains;
    b.unenrolledPolicy = unenrolledPolicy;
    b.keyCache = keyCache;
    b.limits = limits;
    b.tls = tls;
    b.subjectPlaceholder = subjectPlaceholder;
    b.promptWait = promptWait;
    b.userPointCost = userPointCost;
    return b;
  }

  private static void port(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " " + port + " is not in 0..65535 (0: any free)");
    }
  }

  /** Builds {@link GatewaySettings}; every setter checks its argument. */
  public static final class Builder {
    private Path home;
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private int smtpPort = DEFAULT_SMTP_PORT;
    private int pop3Port = DEFAULT_POP3_PORT;
    private int httpPort = DEFAULT_HTTP_PORT;
    private UpstreamServer upstreamSmtp;
    private UpstreamServer upstreamPop3;
    private List<InetSocketAddress> kdcAddresses = List.of();
    private Duration kdcTimeout = Duration.ofSeconds(10);
    private Set<String> localDomains = Set.of();
    private UnenrolledPolicy unenrolledPolicy = UnenrolledPolicy.REJECT;
    private KeyCachePolicy keyCache = KeyCachePolicy.defaults();
    private GatewayLimits limits = GatewayLimits.DEFAULTS;
    private Optional<TlsFiles> tls = Optional.empty();
    private String subjectPlaceholder = "[encrypted message]";
    private Duration promptWait = Duration.ofSeconds(20);
    private Argon2Parameters userPointCost = Argon2Parameters.RFC9106_SECOND_RECOMMENDED;

    private Builder() {}

    public Builder home(Path v) {
      home = Objects.requireNonNull(v, "home");
      return this;
    }

    public Builder bind(InetAddress v) {
      bind = Objects.requireNonNull(v, "bind");
      return this;
    }

    public Builder smtpPort(int v) {
      smtpPort = v;
      return this;
    }

    public Builder pop3Port(int v) {
      pop3Port = v;
      return this;
    }

    public Builder httpPort(int v) {
      httpPort = v;
      return this;
    }

    public Builder upstreamSmtp(UpstreamServer v) {
      upstreamSmtp = Objects.requireNonNull(v, "upstreamSmtp");
      return this;
    }

    public Builder upstreamPop3(UpstreamServer v) {
      upstreamPop3 = Objects.requireNonNull(v, "upstreamPop3");
      return this;
    }

    public Builder kdcAddresses(List<InetSocketAddress> v) {
      kdcAddresses = List.copyOf(v);
      return this;
    }

    public Builder kdcTimeout(Duration v) {
      kdcTimeout = Objects.requireNonNull(v, "kdcTimeout");
      return this;
    }

    public Builder localDomains(Set<String> v) {
      localDomains = Set.copyOf(v);
      return this;
    }

    public Builder unenrolledPolicy(UnenrolledPolicy v) {
      unenrolledPolicy = Objects.requireNonNull(v, "unenrolledPolicy");
      return this;
    }

    public Builder keyCache(KeyCachePolicy v) {
      keyCache = Objects.requireNonNull(v, "keyCache");
      return this;
    }

    public Builder limits(GatewayLimits v) {
      limits = Objects.requireNonNull(v, "limits");
      return this;
    }

    public Builder tls(TlsFiles v) {
      tls = Optional.of(v);
      return this;
    }

    public Builder subjectPlaceholder(String v) {
      subjectPlaceholder = Objects.requireNonNull(v, "subjectPlaceholder");
      return this;
    }

    /** The Argon2id cost of p1 the client stores were enrolled with (tests enroll cheaply). */
    public Builder userPointCost(Argon2Parameters v) {
      userPointCost = Objects.requireNonNull(v, "userPointCost");
      return this;
    }

    public Builder promptWait(Duration v) {
      promptWait = Objects.requireNonNull(v, "promptWait");
      return this;
    }

    public GatewaySettings build() {
      if (home == null) {
        throw new IllegalStateException("the gateway needs a home folder");
      }
      if (upstreamSmtp == null || upstreamPop3 == null) {
        throw new IllegalStateException("the gateway needs an upstream SMTP and POP3 server");
      }
      return new GatewaySettings(
          home,
          bind,
          smtpPort,
          pop3Port,
          httpPort,
          upstreamSmtp,
          upstreamPop3,
          kdcAddresses,
          kdcTimeout,
          localDomains,
          unenrolledPolicy,
          keyCache,
          limits,
          tls,
          subjectPlaceholder,
          promptWait,
          userPointCost);
    }
  }
}
