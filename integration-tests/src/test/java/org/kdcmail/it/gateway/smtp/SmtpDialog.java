package org.kdcmail.it.gateway.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A raw SMTP conversation over a socket, for tests that check exact reply codes. */
public final class SmtpDialog implements AutoCloseable {

  /** One (possibly multi-line) reply. */
  public record Reply(int code, String text) {
    @Override
    public String toString() {
      return code + " " + text;
    }
  }

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private final Reply greeting;

  public SmtpDialog(InetSocketAddress address) throws IOException {
    socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout(60_000);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
    greeting = read();
  }

  public Reply greeting() {
    return greeting;
  }

  /** Sends one command line and returns the reply. */
  public Reply send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return read();
  }

  /** EHLO then AUTH PLAIN; returns the AUTH reply. */
  public Reply login(String user, String password) throws IOException {
    send("EHLO test.example");
    String token =
        Base64.getEncoder()
            .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    return send("AUTH PLAIN " + token);
  }

  /** DATA, the dot-stuffed message and the final dot; returns the reply to the final dot. */
  public Reply data(byte[] message) throws IOException {
    Reply go = send("DATA");
    if (go.code() != 354) {
      return go;
    }
    String text = new String(message, StandardCharsets.ISO_8859_1);
    StringBuilder stuffed = new StringBuilder();
    for (String line : text.split("\r\n", -1)) {
      stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
    }
    if (text.endsWith("\r\n")) {
      stuffed.setLength(stuffed.length() - 2);
    }
    out.write(stuffed.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return read();
  }

  private Reply read() throws IOException {
    StringBuilder text = new StringBuilder();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        throw new IOException("connection closed; reply so far: " + text);
      }
      text.append(line.length() > 4 ? line.substring(4) : "").append('\n');
      if (line.length() < 4 || line.charAt(3) != '-') {
        return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString().strip());
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
