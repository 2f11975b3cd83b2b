package org.kdcmail.kdc.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.kdcmail.kdc.server.kek.Pkcs11Settings;
import org.kdcmail.kdc.server.store.DatabaseLocation;
import org.kdcmail.qrng.source.EntropySourceSpec;

/**
 * A KDC's settings, kept in {@code kdc.properties} in its folder (no secrets in it).
 *
 * @param source the entropy source spec: {@code device:PATH[?h=BITS]} or {@code system}
 * @param bindAddress the address the KDC listens on; loopback by default
 * @param port the TCP port; 7750 by default
 * @param nodeId this node's identity, in the DRBG's personalization string
 * @param invitationLifetime how long an enrollment invitation stays valid; 72 h by default
 * @param metricsPort the loopback port of the health and Prometheus metrics endpoint; 7751 by
 *     default, 0 for any free port, -1 to turn it off
 * @param clockSkew how far a request's timestamp may be from the KDC's clock, either way; 300 s
 * @param ticketLifetime how long a session key's tickets are valid after issuance; 30 days
 * @param databaseUrl empty for the embedded Derby store in the KDC's folder (the default), or a
 *     {@code jdbc:postgresql://host:port/database} URL shared by several KDC nodes; credentials
 *     come from the environment (see {@link DatabaseLocation}), and {@link #toString()} masks any
 *     password written into the URL
 * @param pkcs11 null when the KEK is wrapped under the admin passphrase ({@code kek.wrapped}, the
 *     default), else the PKCS#11 token whose key wraps it ({@code kek.token}); keys {@code
 *     pkcs11.*} in the file
 */
public record KdcSettings(
    String source,
    String bindAddress,
    int port,
    String nodeId,
    Duration invitationLifetime,
    int metricsPort,
    Duration clockSkew,
    Duration ticketLifetime,
    String databaseUrl,
    Pkcs11Settings pkcs11) {

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 7750;
  public static final Duration DEFAULT_INVITATION_LIFETIME = Duration.ofHours(72);
  public static final int DEFAULT_METRICS_PORT = 7751;
  public static final int METRICS_OFF = -1;
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(300);
  public static final Duration DEFAULT_TICKET_LIFETIME = Duration.ofDays(30);

  public KdcSettings {
    Objects.requireNonNull(source, "source");
    databaseUrl = databaseUrl == null ? "" : databaseUrl.trim();
    if (!databaseUrl.isEmpty()) {
      DatabaseLocation.postgresql(databaseUrl, null, null); // validates the scheme
    }
    EntropySourceSpec.parse(source);
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    Objects.requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("node id must not be blank");
    }
    if (invitationLifetime.isNegative() || invitationLifetime.isZero()) {
      throw new IllegalArgumentException("invitation lifetime must be positive");
    }
    requirePositive(clockSkew, "clock skew");
    requirePositive(ticketLifetime, "ticket lifetime");
    if (metricsPort < METRICS_OFF || metricsPort > 65535) {
      throw new IllegalArgumentException(
          "metrics port must be -1 (off) or in [0, 65535], got " + metricsPort);
    }
  }

  /** Whether the store is the embedded Derby database in the KDC's folder. */
  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty();
  }

  /** Whether the KEK is wrapped by a key on a PKCS#11 token rather than the admin passphrase. */
  public boolean kekOnToken() {
    return pkcs11 != null;
  }

  /** The same settings with the KEK wrapped by the token {@code token} (null: the passphrase). */
  public KdcSettings withPkcs11(Pkcs11Settings token) {
    Builder b = toBuilder();
    b.pkcs11 = token;
    return b.build();
  }

  /** Where the store lives: {@code paths.store()} for Derby, else the URL with {@code env}. */
  public DatabaseLocation databaseLocation(KdcPaths paths, Map<String, String> env) {
    return DatabaseLocation.fromSettings(databaseUrl, paths.store(), env);
  }

  public KdcSettings withDatabaseUrl(String newUrl) {
    return toBuilder().databaseUrl(newUrl).build();
  }

  /** The settings with any password in the database URL masked (this is what gets logged). */
  @Override
  public String toString() {
    return "KdcSettings[source="
        + source
        + ", bindAddress="
        + bindAddress
        + ", port="
        + port
        + ", nodeId="
        + nodeId
        + ", invitationLifetime="
        + invitationLifetime
        + ", metricsPort="
        + metricsPort
        + ", clockSkew="
        + clockSkew
        + ", ticketLifetime="
        + ticketLifetime
        + ", databaseUrl="
        + (databaseUrl.isEmpty() ? "(embedded Derby)" : DatabaseLocation.maskPassword(databaseUrl))
        + ", kek="
        + (pkcs11 == null
            ? "admin passphrase"
            : "PKCS#11 key '" + pkcs11.keyLabel() + "' at " + pkcs11.library())
        + "]";
  }

  /** The defaults for a node: the system source, 127.0.0.1:7750, invitations for 72 hours. */
  public static KdcSettings defaults(String nodeId) {
    return new Builder(nodeId).build();
  }

  public KdcSettings withSource(String newSource) {
    return toBuilder().source(newSource).build();
  }

  public KdcSettings withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  public KdcSettings withBindAddress(String newAddress) {
    return toBuilder().bindAddress(newAddress).build();
  }

  public KdcSettings withClockSkew(Duration newSkew) {
    return toBuilder().clockSkew(newSkew).build();
  }

  public KdcSettings withTicketLifetime(Duration newLifetime) {
    return toBuilder().ticketLifetime(newLifetime).build();
  }

  public KdcSettings withMetricsPort(int newMetricsPort) {
    return toBuilder().metricsPort(newMetricsPort).build();
  }

  /** Reads the settings file; a missing file means the KDC was never initialized. */
  public static KdcSettings read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          file.toString(), null, "no KDC here; run 'kdcmail kdc init' first");
    }
    try {
      return new KdcSettings(
          required(properties, "source"),
          required(properties, "bind-address"),
          Integer.parseInt(required(properties, "port")),
          required(properties, "node-id"),
          Duration.parse(required(properties, "invitation-lifetime")),
          Integer.parseInt(
              properties
                  .getProperty("metrics-port", Integer.toString(DEFAULT_METRICS_PORT))
                  .trim()),
          Duration.parse(optional(properties, "clock-skew", DEFAULT_CLOCK_SKEW.toString())),
          Duration.parse(
              optional(properties, "ticket-lifetime", DEFAULT_TICKET_LIFETIME.toString())),
          optional(properties, "database-url", ""),
          Pkcs11Settings.from(properties, Pkcs11Settings.PREFIX).orElse(null));
    } catch (RuntimeException e) {
      throw new IOException("invalid KDC settings in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the settings file. */
  public void write(Path file) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("source", source);
    properties.setProperty("bind-address", bindAddress);
    properties.setProperty("port", Integer.toString(port));
    properties.setProperty("node-id", nodeId);
    properties.setProperty("invitation-lifetime", invitationLifetime.toString());
    properties.setProperty("metrics-port", Integer.toString(metricsPort));
    properties.setProperty("clock-skew", clockSkew.toString());
    properties.setProperty("ticket-lifetime", ticketLifetime.toString());
    properties.setProperty("database-url", databaseUrl);
    if (pkcs11 != null) {
      pkcs11.writeTo(properties);
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "kdcmail KDC settings (no secrets)");
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static String optional(Properties properties, String key, String fallback) {
    return properties.getProperty(key, fallback).trim();
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    return value.trim();
  }

  private Builder toBuilder() {
    Builder b = new Builder(nodeId);
    b.source = source;
    b.bindAddress = bindAddress;
    b.port = port;
    b.invitationLifetime = invitationLifetime;
    b.metricsPort = metricsPort;
    b.clockSkew = clockSkew;
    b.ticketLifetime = ticketLifetime;
    b.databaseUrl = databaseUrl;
    b.pkcs11 = pkcs11;
    return b;
  }

  /** Collects settings, starting from the defaults; {@link #build()} validates them. */
  private static final class Builder {
    private final String nodeId;
    private String source = "system";
    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private int port = DEFAULT_PORT;
    private Duration invitationLifetime = DEFAULT_INVITATION_LIFETIME;
    private int metricsPort = DEFAULT_METRICS_PORT;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration ticketLifetime = DEFAULT_TICKET_LIFETIME;
    private String databaseUrl = "";
    private Pkcs11Settings pkcs11;

    private Builder(String nodeId) {
      this.nodeId = nodeId;
    }

    private Builder source(String value) {
      this.source = value;
      return this;
    }

    private Builder bindAddress(String value) {
      this.bindAddress = value;
      return this;
    }

    private Builder port(int value) {
      this.port = value;
      return this;
    }

    private Builder invitationLifetime(Duration value) {
      this.invitationLifetime = value;
      return this;
    }

    private Builder metricsPort(int value) {
      this.metricsPort = value;
      return this;
    }

    private Builder clockSkew(Duration value) {
      this.clockSkew = value;
      return this;
    }

    private Builder ticketLifetime(Duration value) {
      this.ticketLifetime = value;
      return this;
    }

    private Builder databaseUrl(String value) {
      this.databaseUrl = value;
      return this;
    }

    private KdcSettings build() {
      return new KdcSettings(
          source,
          bindAddress,
          port,
          nodeId,
          invitationLifetime,
          metricsPort,
          clockSkew,
          ticketLifetime,
          databaseUrl,
          pkcs11);
    }
  }
}
