package org.kdcmail.cli.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's six loopback ports, each set by an option of {@code kdcmail sandbox}.
 *
 * @param smtp the gateway's SMTP port (mail clients send here)
 * @param pop3 the gateway's POP3 port (mail clients read here)
 * @param http the gateway's HTTP port (health, metrics, unlock channel)
 * @param officeSmtp the embedded office mail server's SMTP port
 * @param officePop3 the embedded office mail server's POP3 port
 * @param kdc the KDC's port
 */
public record SandboxPorts(int smtp, int pop3, int http, int officeSmtp, int officePop3, int kdc) {

  public SandboxPorts {
    Map<Integer, String> seen = new HashMap<>();
    for (Map.Entry<String, Integer> e :
        byOption(smtp, pop3, http, officeSmtp, officePop3, kdc).entrySet()) {
      int port = e.getValue();
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(e.getKey() + " " + port + " is not a port (1..65535)");
      }
      String other = seen.put(port, e.getKey());
      if (other != null) {
        throw new IllegalArgumentException(
            other + " and " + e.getKey() + " are both " + port + ": give them different ports");
      }
    }
  }

  /** The ports by the option that sets them. */
  public Map<String, Integer> byOption() {
    return byOption(smtp, pop3, http, officeSmtp, officePop3, kdc);
  }

  /**
   * Fails before anything starts if a port is taken on loopback.
   *
   * @throws IOException naming the port and its option
   */
  public void requireFree() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (Map.Entry<String, Integer> e : byOption().entrySet()) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(loopback, e.getValue()));
      } catch (IOException taken) {
        throw new IOException(
            "port "
                + e.getValue()
                + " on "
                + loopback.getHostAddress()
                + " is already in use (is another sandbox running?): stop the program using it,"
                + " or choose another port with "
                + e.getKey()
                + " PORT",
            taken);
      }
    }
  }

  private static Map<String, Integer> byOption(
      int smtp, int pop3, int http, int officeSmtp, int officePop3, int kdc) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("--smtp-port", smtp);
    m.put("--pop3-port", pop3);
    m.put("--http-port", http);
    m.put("--office-smtp-port", officeSmtp);
    m.put("--office-pop3-port", officePop3);
    m.put("--kdc-port", kdc);
    return m;
  }
}
