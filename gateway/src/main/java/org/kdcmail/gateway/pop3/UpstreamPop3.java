package org.kdcmail.gateway.pop3;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.kdcmail.gateway.upstream.UpstreamServer;

/**
 * A small POP3 client (RFC 1939, STLS from RFC 2595) for one session with the office server, with
 * the client's own credentials. Deletion is two-phase as in POP3 itself: {@link #delete} only
 * marks, {@link #quit} commits, and {@link #abort()} closes the connection without QUIT so that
 * nothing marked is deleted. TLS (from the first byte or after STLS) checks the server's
 * certificate and name against the JDK's trust store.
 */
final class UpstreamPop3 implements AutoCloseable {
  private static final int MAX_LINE_BYTES = 8192;

  private final UpstreamServer server;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private UpstreamPop3(UpstreamServer server, Socket socket) throws IOException {
    this.server = server;
    use(socket);
  }

  /**
   * Connects, reads the greeting and, as configured, starts TLS.
   *
   * @throws IOException if the server cannot be reached, or refuses STLS when it is required
   */
  static UpstreamPop3 connect(UpstreamServer server, Duration timeout) throws IOException {
    Socket plain = new Socket();
    try {
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      plain.connect(new InetSocketAddress(server.host(), server.port()), millis);
      plain.setSoTimeout(millis);
      boolean tlsFirst = server.security() == UpstreamServer.Security.TLS;
      UpstreamPop3 c = new UpstreamPop3(server, tlsFirst ? tls(plain, server) : plain);
      c.expectOk(c.readLine(), "greeting");
      if (server.security() == UpstreamServer.Security.STARTTLS) {
        c.command("STLS");
        String reply = c.readLine();
        if (!isOk(reply)) {
          throw new IOException(
              "the office POP3 server " + server + " refused STLS, which the gateway requires");
        }
        c.use(tls(c.socket, server));
      }
      return c;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static SSLSocket tls(Socket plain, UpstreamServer server) throws IOException {
    try {
      SSLSocket s =
          (SSLSocket)
              SSLContext.getDefault()
                  .getSocketFactory()
                  .createSocket(plain, server.host(), server.port(), true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.startHandshake();
      return s;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  private void use(Socket s) throws IOException {
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 1 << 16);
    out = new BufferedOutputStream(s.getOutputStream());
  }

  /**
   * USER and PASS.
   *
   * @throws UpstreamAuthenticationException if the server refuses either
   */
  void login(String user, String password) throws IOException, UpstreamAuthenticationException {
    if (!printable(user) || !printable(password)) {
      throw new UpstreamAuthenticationException(user.replaceAll("\\p{Cntrl}", "?"));
    }
    command("USER " + user);
    if (!isOk(readLine())) {
      throw new UpstreamAuthenticationException(user);
    }
    command("PASS " + password);
    if (!isOk(readLine())) {
      throw new UpstreamAuthenticationException(user);
    }
  }

  /** The mailbox as listed now: numbers, unique ids (UIDL) and sizes (LIST). */
  List<UpstreamMessage> list() throws IOException {
    Map<Integer, Long> sizes = new HashMap<>();
    command("LIST");
    expectOk(readLine(), "LIST");
    for (String line : multiLine()) {
      String[] f = line.trim().split("\\s+");
      sizes.put(number(f[0]), f.length > 1 ? parseLong(f[1]) : 0L);
    }
    Map<Integer, String> uids = new HashMap<>();
    command("UIDL");
    if (isOk(readLine())) {
      for (String line : multiLine()) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2 && f[1].chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
          uids.put(number(f[0]), f[1]);
        }
      }
    }
    List<UpstreamMessage> messages = new ArrayList<>();
    sizes.keySet().stream()
        .sorted()
        .forEach(
            n ->
                messages.add(
                    new UpstreamMessage(n, uids.getOrDefault(n, "msg-" + n), sizes.get(n))));
    return messages;
  }

  /** RETR: the message's bytes, dot-unstuffed; read the stream to its end before anything else. */
  MultiLineInputStream retrieve(int number) throws IOException {
    command("RETR " + number);
    expectOk(readLine(), "RETR " + number);
    return new MultiLineInputStream(in);
  }

  /** DELE: marks a message; deleted only by {@link #quit()}. */
  void delete(int number) throws IOException {
    command("DELE " + number);
    expectOk(readLine(), "DELE " + number);
  }

  /** RSET: unmarks every message. */
  void reset() throws IOException {
    command("RSET");
    expectOk(readLine(), "RSET");
  }

  /** QUIT: commits the deletions and closes. */
  void quit() throws IOException {
    try {
      command("QUIT");
      expectOk(readLine(), "QUIT");
    } finally {
      abort();
    }
  }

  /** Closes the connection without QUIT: the server deletes nothing. */
  void abort() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    abort();
  }

  private void command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() >= MAX_LINE_BYTES) {
        throw new IOException("the office POP3 server " + server + " sent an overlong line");
      }
      line.write(b);
    }
    if (b < 0) {
      throw new IOException("the office POP3 server " + server + " closed the connection");
    }
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private List<String> multiLine() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = readLine(); !line.equals("."); line = readLine()) {
      lines.add(line.startsWith(".") ? line.substring(1) : line);
    }
    return lines;
  }

  private void expectOk(String reply, String what) throws IOException {
    if (!isOk(reply)) {
      throw new IOException(
          "the office POP3 server " + server + " answered " + what + " with an error");
    }
  }

  private static boolean isOk(String reply) {
    return reply.startsWith("+OK");
  }

  private static boolean printable(String s) {
    return !s.isEmpty() && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
  }

  private int number(String s) throws IOException {
    try {
      int n = Integer.parseInt(s);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("the office POP3 server " + server + " listed a bad message number");
    }
  }

  private long parseLong(String s) throws IOException {
    try {
      return Math.max(0, Long.parseLong(s));
    } catch (NumberFormatException e) {
      throw new IOException("the office POP3 server " + server + " listed a bad message size");
    }
  }
}
