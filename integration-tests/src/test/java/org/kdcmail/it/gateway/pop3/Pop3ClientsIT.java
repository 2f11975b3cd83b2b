package org.kdcmail.it.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kdcmail.it.gateway.MailSystem.ALICE;
import static org.kdcmail.it.gateway.MailSystem.BOB;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kdcmail.testing.RequiresProgram;

/**
 * Ordinary POP3 clients read bob's encrypted mail through the gateway: Jakarta Mail (Angus) over
 * STLS, curl and Python's poplib. Each gets the original message under the status header, with
 * sizes that match what it received.
 */
class Pop3ClientsIT extends Pop3GatewayTestBase {
  private static final String BODY = "Hello Bob,\r\n.dot line\r\nsecond line\r\n";

  private byte[] original;

  @BeforeEach
  void deliver() throws Exception {
    original = Pop3Fixture.plain("Alice <" + ALICE + ">", BOB, "Budget 2027", "", BODY);
    f.deliverEncrypted(original);
  }

  private SSLContext trustingGateway() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("gateway", f.tls.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void jakartaMail_overStls_readsOriginalAndDeletesOnClose() throws Exception {
    Properties p = new Properties();
    p.put("mail.pop3.host", "127.0.0.1");
    p.put("mail.pop3.port", String.valueOf(f.gateway.address().getPort()));
    p.put("mail.pop3.starttls.enable", "true");
    p.put("mail.pop3.starttls.required", "true");
    p.put("mail.pop3.ssl.checkserveridentity", "true");
    p.put("mail.pop3.ssl.socketFactory", trustingGateway().getSocketFactory());
    Store store = Session.getInstance(p).getStore("pop3");
    store.connect(BOB, "bob");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    Message m = inbox.getMessage(1);
    assertThat(m.getHeader("X-Kdcmail-Status")[0])
        .startsWith("decrypted; sender=" + ALICE + "; key-id=");
    assertThat(m.getSubject()).isEqualTo("Budget 2027");
    assertThat(m.getContent()).isEqualTo(BODY);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    String text = raw.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith(new String(original, StandardCharsets.UTF_8));
    m.setFlag(Flags.Flag.DELETED, true);
    inbox.close(true);
    store.close();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> f.officeCount(BOB) == 0);
  }

  @Test
  @RequiresProgram(value = "curl", debianPackage = "curl")
  void curl_listAndRetr_originalWithStatus() throws Exception {
    String url = "pop3://127.0.0.1:" + f.gateway.address().getPort() + "/";
    String list = run("curl", "-s", "--max-time", "60", "-u", BOB + ":bob", url);
    String retr = run("curl", "-s", "--max-time", "60", "-u", BOB + ":bob", url + "1");
    assertThat(retr)
        .startsWith("X-Kdcmail-Status: decrypted; sender=" + ALICE)
        .endsWith(new String(original, StandardCharsets.UTF_8));
    assertThat(list.trim()).isEqualTo("1 " + retr.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  @RequiresProgram(value = "python3", debianPackage = "python3")
  void pythonPoplib_statAndRetr_originalWithStatus() throws Exception {
    String script =
        String.join(
            "\n",
            "import poplib, sys",
            "p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=60)",
            "p.user(sys.argv[2]); p.pass_(sys.argv[3])",
            "count, size = p.stat()",
            "resp, lines, octets = p.retr(1)",
            "sys.stdout.buffer.write(b'%d %d %d\\n' % (count, size, octets))",
            "sys.stdout.buffer.write(b'\\r\\n'.join(lines) + b'\\r\\n')",
            "p.quit()");
    String out =
        run("python3", "-c", script, String.valueOf(f.gateway.address().getPort()), BOB, "bob");
    String first = out.substring(0, out.indexOf('\n'));
    String message = out.substring(out.indexOf('\n') + 1);
    int bytes = message.getBytes(StandardCharsets.UTF_8).length;
    assertThat(first).isEqualTo("1 " + bytes + " " + bytes);
    assertThat(message)
        .startsWith("X-Kdcmail-Status: decrypted; sender=" + ALICE)
        .endsWith(new String(original, StandardCharsets.UTF_8));
  }

  /**
   * A client sends its TLS hello the moment STLS is answered. Before {@code
   * StartTlsPausingHandler}, a hello read before the gateway had put its TLS handler in place hung
   * until the handshake timed out (about one connection in 16 with both cores busy).
   */
  @Test
  void manyStlsHandshakesAtOnce_everyOneCompletes() throws Exception {
    SSLSocketFactory tls = trustingGateway().getSocketFactory();
    int port = f.gateway.address().getPort();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> handshakes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        handshakes.add(clients.submit(() -> stlsHandshake(tls, port)));
      }
      for (Future<String> handshake : handshakes) {
        assertThat(handshake.get(60, TimeUnit.SECONDS)).startsWith("TLS");
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * STLS, then a TLS handshake at once; the negotiated protocol (a 5 s read timeout throughout).
   */
  private static String stlsHandshake(SSLSocketFactory tls, int port) throws Exception {
    try (Socket plain = new Socket("127.0.0.1", port)) {
      plain.setSoTimeout(5_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("+OK");
      plain.getOutputStream().write("STLS\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("+OK");
      try (SSLSocket secure = (SSLSocket) tls.createSocket(plain, "127.0.0.1", port, true)) {
        secure.startHandshake();
        return secure.getSession().getProtocol();
      }
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command[0])).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
