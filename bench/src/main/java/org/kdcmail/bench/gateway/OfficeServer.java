package org.kdcmail.bench.gateway;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.pop3.Pop3Server;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail's SMTP and POP3 servers with TCP_NODELAY on every accepted connection. Stock GreenMail
 * writes a reply in several small writes with Nagle on, so each multi-line answer waited for the
 * client's delayed ACK (40 ms): the office server's own stall would have dominated both paths (RETR
 * of 10 KiB took 75 ms directly). Real office servers answer without it.
 */
final class OfficeServer extends GreenMail {
  OfficeServer(ServerSetup[] setups) {
    super(setups);
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
    Map<String, AbstractServer> out = new HashMap<>();
    for (ServerSetup s : setups) {
      switch (s.getProtocol()) {
        case ServerSetup.PROTOCOL_SMTP -> out.put(s.getProtocol(), new NoDelaySmtp(s, managers));
        case ServerSetup.PROTOCOL_POP3 -> out.put(s.getProtocol(), new NoDelayPop3(s, managers));
        default -> throw new IllegalArgumentException("only SMTP and POP3: " + s.getProtocol());
      }
    }
    return out;
  }

  private static final class NoDelaySmtp extends SmtpServer {
    NoDelaySmtp(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected void handleClientSocket(Socket socket) throws SocketException {
      socket.setTcpNoDelay(true);
      super.handleClientSocket(socket);
    }
  }

  private static final class NoDelayPop3 extends Pop3Server {
    NoDelayPop3(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected void handleClientSocket(Socket socket) throws SocketException {
      socket.setTcpNoDelay(true);
      super.handleClientSocket(socket);
    }
  }
}
