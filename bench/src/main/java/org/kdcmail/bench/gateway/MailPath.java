package org.kdcmail.bench.gateway;

/** Which way a client's mail goes: straight to the office server, or through the gateway. */
enum MailPath {
  DIRECT("direct"),
  GATEWAY("gateway");

  private final String label;

  MailPath(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
