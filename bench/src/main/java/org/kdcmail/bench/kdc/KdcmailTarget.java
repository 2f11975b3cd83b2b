package org.kdcmail.bench.kdc;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.session.SessionGrant;
import org.kdcmail.kdc.protocol.session.SessionKeyClient;
import org.kdcmail.kdc.protocol.session.SessionRandom;
import org.kdcmail.kdc.protocol.session.UserKey;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.server.KdcInitializer;
import org.kdcmail.kdc.server.KdcPaths;
import org.kdcmail.kdc.server.KdcServer;
import org.kdcmail.kdc.server.KdcSettings;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekFile;
import org.kdcmail.kdc.server.store.KdcStore;

/**
 * kdcmail's KDC started in this JVM from a fresh folder (Derby on disk, default durability), with
 * {@link #USERS} users whose master keys are stored directly (enrollment is not what is measured).
 * A request is one {@code SESSION_KEY_REQUEST} on the client's own persistent TCP connection: seal
 * the request under K_A, send, receive, open and check the reply (K_S and one ticket per
 * recipient).
 */
final class KdcmailTarget implements LoadTarget {
  /** Senders and recipients: enough for 64 clients with 10 distinct recipients each. */
  static final int USERS = 80;

  private static final char[] PASSPHRASE = "throwaway benchmark passphrase".toCharArray();
  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);
  private static final SessionRandom RANDOM = SessionRandom.of(new SecureRandom());

  private final KdcServer server;
  private final List<MasterKey> keys;

  private KdcmailTarget(KdcServer server, List<MasterKey> keys) {
    this.server = server;
    this.keys = keys;
  }

  /**
   * Initializes a KDC in {@code folder} (which must not hold one), enrolls the users, starts it.
   */
  static KdcmailTarget start(Path folder) throws Exception {
    KdcPaths paths = new KdcPaths(folder.resolve("kdc"));
    KdcSettings settings =
        KdcSettings.defaults("bench").withPort(0).withMetricsPort(KdcSettings.METRICS_OFF);
    new KdcInitializer(paths, settings, CHEAP).initialize(PASSPHRASE.clone());
    List<MasterKey> keys = new ArrayList<>();
    KdcKek kek = KekFile.builder(paths.kekFile()).build().unlock(PASSPHRASE.clone());
    try (KdcStore store = KdcStore.open(settings.databaseLocation(paths, System.getenv()), kek)) {
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < USERS; i++) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        MasterKey key = MasterKey.copyOf(raw);
        java.util.Arrays.fill(raw, (byte) 0);
        store.storeMasterKey(user(i), key);
        keys.add(key);
      }
    } finally {
      kek.destroy();
    }
    return new KdcmailTarget(KdcServer.start(paths, settings, PASSPHRASE.clone()), keys);
  }

  static String user(int i) {
    return "user" + i + "@bench.test";
  }

  @Override
  public String name() {
    return "kdcmail";
  }

  @Override
  public LoadClient client(int index, int recipients) throws Exception {
    int sender = index % USERS;
    List<String> to = new ArrayList<>();
    for (int k = 1; k <= recipients; k++) {
      to.add(user((sender + k) % USERS));
    }
    UserKey key = new UserKey(user(sender), keys.get(sender));
    KdcConnection connection =
        KdcConnection.connect(
            new InetSocketAddress("127.0.0.1", server.port()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            1 << 20);
    return new LoadClient() {
      @Override
      public void request() throws Exception {
        SessionKeyClient client = SessionKeyClient.request(key, to, Clock.systemUTC(), RANDOM);
        Frame reply =
            connection.exchange(new Frame(FrameType.SESSION_KEY_REQUEST, client.requestBytes()));
        SessionGrant grant = client.openReply(reply.payload());
        try {
          if (grant.tickets().size() != to.size()) {
            throw new IllegalStateException(
                "expected " + to.size() + " tickets, got " + grant.tickets().size());
          }
        } finally {
          grant.destroy();
        }
      }

      @Override
      public void close() throws Exception {
        connection.close();
      }
    };
  }

  @Override
  public void close() {
    server.close();
    keys.forEach(MasterKey::destroy);
  }
}
