package org.kdcmail.it.gateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.keys.KeyCachePolicy;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.upstream.UpstreamServer;
import org.kdcmail.it.KdcFixture;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.unlock.Unlocker;

/**
 * Everything around a gateway, real and on loopback: GreenMail as the office mail server for {@code
 * example.test} (users alice, bob and carol, each with their local part as password, plus dave, who
 * is not enrolled), a KDC with Derby on disk, alice, bob and carol enrolled with client stores in a
 * kdcmail home folder, and an {@link UnlockedKeys} cache to unlock them into.
 */
public final class MailSystem implements AutoCloseable {
  /** The office's mail domain. */
  public static final String DOMAIN = "example.test";

  public static final String ALICE = "alice@" + DOMAIN;
  public static final String BOB = "bob@" + DOMAIN;
  public static final String CAROL = "carol@" + DOMAIN;

  /** Has a mailbox but is not enrolled at the KDC. */
  public static final String DAVE = "dave@" + DOMAIN;

  private final Path home;
  private final KdcFixture kdc;
  private final GreenMail office;
  private final UnlockedKeys keys;

  /**
   * Starts it all under {@code folder}: the KDC in {@code folder/kdc}, the home in {@code
   * folder/home}.
   */
  public MailSystem(Path folder) throws Exception {
    this(folder, KeyCachePolicy.defaults());
  }

  /** As {@link #MailSystem(Path)} with a key-cache policy. */
  public MailSystem(Path folder, KeyCachePolicy policy) throws Exception {
    this.home = folder.resolve("home");
    this.office = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3));
    office.start();
    for (String user : List.of(ALICE, BOB, CAROL, DAVE)) {
      office.setUser(user, user, password(user));
    }
    this.kdc = new KdcFixture(folder);
    for (String user : List.of(ALICE, BOB, CAROL)) {
      kdc.enroll(user, storeOf(user), password(user), mkId(user), mkPassword(user));
    }
    this.keys = UnlockedKeys.create(policy);
  }

  /** The login password of {@code user}: its local part (alice, bob, ...), as in the sandbox. */
  public static String password(String user) {
    return user.substring(0, user.indexOf('@'));
  }

  /** The MK-ID: {@code <local part>-id}, as in the sandbox. */
  public static String mkId(String user) {
    return password(user) + "-id";
  }

  /** The MK password: {@code <local part>-mk-pass}, as in the sandbox. */
  public static String mkPassword(String user) {
    return password(user) + "-mk-pass";
  }

  /** The kdcmail home folder holding the client stores. */
  public Path home() {
    return home;
  }

  /** Where {@code user}'s client store lives in the home folder. */
  public Path storeOf(String user) {
    return new ClientPaths(home).storeFile(user);
  }

  /** The office server (GreenMail): its received messages are what an eavesdropper on it sees. */
  public GreenMail office() {
    return office;
  }

  /** The KDC. */
  public KdcFixture kdc() {
    return kdc;
  }

  /** The gateway's key cache. */
  public UnlockedKeys keys() {
    return keys;
  }

  /** Derives {@code user}'s master key from its store and puts it in the cache. */
  public void unlock(String user) throws Exception {
    MasterKey key =
        new Unlocker(KdcFixture.CHEAP)
            .unlock(
                storeOf(user),
                password(user).toCharArray(),
                mkId(user).toCharArray(),
                mkPassword(user).toCharArray());
    keys.unlock(user, key);
  }

  /**
   * Gateway settings for this system: the office server's SMTP and POP3 in plain text on loopback,
   * this KDC, {@code example.test} local, every port 0 (pick free ones).
   */
  public GatewaySettings.Builder gatewaySettings() {
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
        .kdcAddresses(List.of(new InetSocketAddress("127.0.0.1", kdc.server().port())))
        .localDomains(Set.of(DOMAIN));
  }

  @Override
  public void close() {
    keys.close();
    office.stop();
    kdc.close();
  }
}
