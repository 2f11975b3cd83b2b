package org.kdcmail.gateway.smtp;

import org.apache.james.protocols.smtp.SMTPConfigurationImpl;

/**
 * The SMTP server's settings: AUTH announced after STARTTLS, or on any connection when the gateway
 * listens on loopback only; the SIZE limit; never an open relay.
 */
final class GatewaySmtpConfiguration extends SMTPConfigurationImpl {
  private final boolean cleartextAuth;
  private final long maxMessageBytes;

  GatewaySmtpConfiguration(boolean cleartextAuth, long maxMessageBytes) {
    this.cleartextAuth = cleartextAuth;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public boolean isAuthAnnounced(String remoteIp, boolean tlsStarted) {
    return tlsStarted || cleartextAuth;
  }

  @Override
  public long getMaxMessageSize() {
    return maxMessageBytes;
  }

  @Override
  public boolean isRelayingAllowed(String remoteIp) {
    return false;
  }

  @Override
  public String getHelloName() {
    return "kdcmail-gateway";
  }

  @Override
  public String getGreeting() {
    return "kdcmail gateway ESMTP ready";
  }

  @Override
  public String getSoftwareName() {
    return "kdcmail gateway";
  }
}
