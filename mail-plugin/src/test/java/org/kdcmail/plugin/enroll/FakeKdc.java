package org.kdcmail.plugin.enroll;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.ClientConfirmation;
import org.kdcmail.kdc.protocol.enrollment.ClientHello;
import org.kdcmail.kdc.protocol.enrollment.ClientPointsMessage;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCodeMismatchException;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentErrorCodes;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentRandom;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentResponder;
import org.kdcmail.kdc.protocol.enrollment.KdcIdentity;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.wire.ErrorFrame;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameReader;
import org.kdcmail.kdc.protocol.wire.FrameType;
import org.kdcmail.kdc.protocol.wire.FrameWriter;

/**
 * A KDC for tests, built from the real responder over a plain socket on port 0, with one pending
 * invitation held in memory. Refuses a wrong code with an error frame (code 0x0101) and an unknown
 * user with an in-band {@link EnrollmentError}, so both refusal paths of the client are exercised.
 * Serves connections one after another until closed.
 */
final class FakeKdc implements AutoCloseable {

  private final SecureRandom random = new SecureRandom();
  private final KdcIdentity identity = KdcIdentity.generate(EnrollmentRandom.of(random));
  private final EnrollmentCode code = EnrollmentCode.generate(EnrollmentRandom.of(random));
  private final String invitedUser;
  private final ServerSocket server;
  private final Thread thread;
  private final AtomicReference<MasterKey> masterKey = new AtomicReference<>();
  private volatile boolean invitationUsed;

  FakeKdc(String invitedUser) throws IOException {
    this.invitedUser = invitedUser;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "fake-kdc");
    thread.setDaemon(true);
    thread.start();
  }

  KdcAddress address() {
    return new KdcAddress("127.0.0.1", server.getLocalPort());
  }

  KdcIdentity identity() {
    return identity;
  }

  /** The code as the admin would print it. */
  String code() {
    return code.format();
  }

  /** The master key the KDC derived and confirmed, if an enrollment completed. */
  Optional<MasterKey> masterKey() {
    return Optional.ofNullable(masterKey.get());
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        converse(
            new FrameReader(socket.getInputStream()), new FrameWriter(socket.getOutputStream()));
      } catch (IOException | GeneralSecurityException e) {
        // the client went away or sent garbage: next connection
      }
    }
  }

  private void converse(FrameReader in, FrameWriter out)
      throws IOException, GeneralSecurityException {
    ClientHello hello = ClientHello.decode(read(in, FrameType.ENROLL_CLIENT_HELLO));
    if (invitationUsed
        || !hello.username().equals(invitedUser)
        || !Arrays.equals(hello.invitationId().toBytes(), new byte[16])) {
      byte[] refusal = new EnrollmentError(EnrollmentError.Reason.UNKNOWN_INVITATION).encode();
      out.write(new Frame(FrameType.ENROLL_SERVER_HELLO, refusal));
      return;
    }
    EnrollmentResponder responder = new EnrollmentResponder();
    EnrollmentRandom er = EnrollmentRandom.of(random);
    out.write(
        new Frame(
            FrameType.ENROLL_SERVER_HELLO, responder.onClientHello(hello, identity, er).encode()));
    ClientPointsMessage points =
        ClientPointsMessage.decode(read(in, FrameType.ENROLL_CLIENT_POINTS));
    byte[] sealed;
    try {
      sealed = responder.onClientPoints(points, code, this::element).encode();
    } catch (EnrollmentCodeMismatchException e) {
      int errorCode = EnrollmentErrorCodes.wireCode(EnrollmentError.Reason.BAD_CODE);
      out.write(new ErrorFrame(errorCode, "wrong enrollment code").toFrame());
      return;
    }
    out.write(new Frame(FrameType.ENROLL_SERVER_POINTS, sealed));
    MasterKey key = new MasterKeyDerivation().deriveMasterKey(invitedUser, responder.points());
    ClientConfirmation confirmation =
        ClientConfirmation.decode(read(in, FrameType.ENROLL_CLIENT_CONFIRM));
    byte[] answer = responder.onClientConfirmation(confirmation, key).encode();
    masterKey.set(key);
    invitationUsed = true;
    out.write(new Frame(FrameType.ENROLL_SERVER_CONFIRM, answer));
  }

  private FieldElement element() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return FieldElement.reduce(b);
  }

  private static byte[] read(FrameReader in, FrameType expected) throws IOException {
    Frame frame = in.read().orElseThrow(() -> new IOException("client closed"));
    if (frame.type() != expected) {
      throw new IOException("unexpected " + frame.type());
    }
    return frame.payload();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
