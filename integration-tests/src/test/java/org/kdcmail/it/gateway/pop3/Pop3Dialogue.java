package org.kdcmail.it.gateway.pop3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A POP3 conversation over a raw socket, for tests that check replies and exact bytes: send a
 * command, read its status line, read a multi-line body dot-unstuffed exactly as RFC 1939 says.
 */
final class Pop3Dialogue implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  Pop3Dialogue(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    String greeting = line();
    if (!greeting.startsWith("+OK")) {
      throw new IOException("greeting: " + greeting);
    }
  }

  /** Connects and logs in; fails the test unless PASS answers +OK. */
  static Pop3Dialogue login(InetSocketAddress address, String user, String password)
      throws IOException {
    Pop3Dialogue d = new Pop3Dialogue(address);
    d.expectOk("USER " + user);
    d.expectOk("PASS " + password);
    return d;
  }

  /** Sends a command and returns the status line. */
  String send(String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return line();
  }

  String expectOk(String command) throws IOException {
    String reply = send(command);
    if (!reply.startsWith("+OK")) {
      throw new AssertionError(command.split(" ")[0] + " answered " + reply);
    }
    return reply;
  }

  /** RETR n: the message bytes after dot-unstuffing. */
  byte[] retr(int n) throws IOException {
    expectOk("RETR " + n);
    return body();
  }

  /** The lines of a multi-line answer (LIST, UIDL, CAPA) after its status line. */
  String[] lines(String command) throws IOException {
    expectOk(command);
    String text = new String(body(), StandardCharsets.UTF_8);
    return text.isEmpty() ? new String[0] : text.split("\r\n");
  }

  /** LIST n: the size in the single-line answer. */
  long listSize(int n) throws IOException {
    return Long.parseLong(expectOk("LIST " + n).split(" ")[2]);
  }

  /** A multi-line body, dot-unstuffed, without the terminating line. */
  byte[] body() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    while (true) {
      byte[] raw = rawLine();
      String s = new String(raw, StandardCharsets.ISO_8859_1);
      if (s.equals(".\r\n")) {
        return all.toByteArray();
      }
      if (s.startsWith(".")) {
        all.write(raw, 1, raw.length - 1);
      } else {
        all.write(raw, 0, raw.length);
      }
    }
  }

  String line() throws IOException {
    String s = new String(rawLine(), StandardCharsets.UTF_8);
    return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.strip();
  }

  private byte[] rawLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        return line.toByteArray();
      }
    }
    throw new IOException("connection closed after " + line.size() + " bytes of a line");
  }

  /** Closes the socket without QUIT (a client that drops the connection). */
  void drop() throws IOException {
    socket.close();
  }

  @Override
  public void close() throws IOException {
    if (!socket.isClosed()) {
      try {
        send("QUIT");
      } catch (IOException e) {
        // the session already ended (a QUIT sent by the test, or the server closed)
      } finally {
        socket.close();
      }
    }
  }
}
