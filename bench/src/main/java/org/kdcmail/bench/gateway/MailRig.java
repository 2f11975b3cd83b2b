package org.kdcmail.bench.gateway;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kdcmail.gateway.Gateway;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * Everything the benchmark talks to, on loopback in this JVM: GreenMail as the office server for
 * {@link #DOMAIN}, a KDC with Derby on disk, {@code users} users with mailboxes and enrollments,
 * and a gateway (default settings, plain upstream) with every user unlocked. The direct path is
 * GreenMail's own SMTP and POP3 ports; the gateway path is the gateway's.
 */
final class MailRig implements AutoCloseable {
  static final String DOMAIN = "example.test";

  private final GreenMail office;
  private final BenchKdc kdc;
  private final Gateway gateway;
  private final List<EnrolledUser> users;

  private MailRig(GreenMail office, BenchKdc kdc, Gateway gateway, List<EnrolledUser> users) {
    this.office = office;
    this.kdc = kdc;
    this.gateway = gateway;
    this.users = List.copyOf(users);
  }

  /**
   * Starts it all under {@code folder} (KDC in {@code folder/kdc}, home in {@code folder/home}).
   */
  static MailRig start(Path folder, int userCount) throws Exception {
    Path home = folder.resolve("home");
    GreenMail office = new OfficeServer(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3));
    office.start();
    BenchKdc kdc = null;
    try {
      kdc = BenchKdc.start(folder);
      List<EnrolledUser> users = new ArrayList<>();
      for (int i = 0; i < userCount; i++) {
        EnrolledUser u = EnrolledUser.numbered(i, DOMAIN);
        office.setUser(u.address(), u.address(), u.password());
        kdc.enroll(new ClientPaths(home).storeFile(u.address()), u);
        users.add(u);
      }
      Gateway gateway = Gateway.start(settings(home, office, kdc));
      MailRig rig = new MailRig(office, kdc, gateway, users);
      for (EnrolledUser u : users) {
        rig.unlock(home, u);
      }
      return rig;
    } catch (Exception | Error e) {
      office.stop();
      if (kdc != null) {
        kdc.close();
      }
      throw e;
    }
  }

  private static GatewaySettings settings(Path home, GreenMail office, BenchKdc kdc) {
    return GatewaySettings.builder()
        .home(home)
        .smtpPort(0)
        .pop3Port(0)
        .httpPort(0)
        .upstreamSmtp(
            new UpstreamServer(
                "127.0.0.1", office.getSmtp().getPort(), UpstreamServer.Security.PLAIN))
        .upstreamPop3(
            new UpstreamServer(
                "127.0.0.1", office.getPop3().getPort(), UpstreamServer.Security.PLAIN))
        .kdcAddresses(List.of(kdc.address()))
        .localDomains(Set.of(DOMAIN))
        .build();
  }

  private void unlock(Path home, EnrolledUser u) throws Exception {
    MasterKey key =
        new Unlocker(BenchKdc.CHEAP)
            .unlock(
                new ClientPaths(home).storeFile(u.address()),
                u.password().toCharArray(),
                u.mkId().toCharArray(),
                u.mkPassword().toCharArray());
    gateway.keys().unlock(u.address(), key);
  }

  List<EnrolledUser> users() {
    return users;
  }

  /** Where a client submits on {@code path}. */
  InetSocketAddress smtp(MailPath path) {
    return path == MailPath.DIRECT
        ? new InetSocketAddress("127.0.0.1", office.getSmtp().getPort())
        : gateway.endpoints().smtp();
  }

  /** Where a client retrieves on {@code path}. */
  InetSocketAddress pop3(MailPath path) {
    return path == MailPath.DIRECT
        ? new InetSocketAddress("127.0.0.1", office.getPop3().getPort())
        : gateway.endpoints().pop3();
  }

  /** The gateway's Prometheus endpoint. */
  java.net.URI gatewayMetrics() {
    InetSocketAddress h = gateway.endpoints().http();
    return java.net.URI.create("http://" + h.getHostString() + ":" + h.getPort() + "/metrics");
  }

  /** How many messages the office server holds in all mailboxes. */
  int storedMessages() {
    return office.getReceivedMessages().length;
  }

  /** Empties every mailbox on the office server. */
  void purge() throws FolderException {
    office.purgeEmailFromAllMailboxes();
  }

  /** Waits until the office server holds {@code count} messages; false after {@code millis}. */
  boolean awaitStored(int count, long millis) {
    return office.waitForIncomingEmail(millis, count);
  }

  @Override
  public void close() {
    gateway.close();
    office.stop();
    kdc.close();
  }
}
