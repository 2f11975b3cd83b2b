package org.kdcmail.plugin.enroll;

import java.io.IOException;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.client.KdcConnection;
import org.kdcmail.kdc.protocol.enrollment.ClientHello;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentClient;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentError;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentException;
import org.kdcmail.kdc.protocol.enrollment.MessageType;
import org.kdcmail.kdc.protocol.enrollment.ServerConfirmation;
import org.kdcmail.kdc.protocol.enrollment.ServerHello;
import org.kdcmail.kdc.protocol.enrollment.ServerPointsMessage;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;

/**
 * Moves the {@link EnrollmentClient}'s messages over one {@link KdcConnection}: each request frame
 * is answered by exactly one frame of the expected type, an in-band {@link EnrollmentError}, or an
 * error frame ({@link org.kdcmail.kdc.protocol.client.KdcErrorException}). Package-private; used
 * once per enrollment.
 */
final class KdcConversation {

  private final KdcConnection connection;
  private final String username;
  private ServerHello serverHello;

  KdcConversation(KdcConnection connection, String username) {
    this.connection = connection;
    this.username = username;
  }

  /** Message 1 out, message 2 in (kept for {@link #points}). */
  void hello(ClientHello hello) throws IOException, EnrollmentException, EnrollmentFailedException {
    byte[] reply =
        exchange(FrameType.ENROLL_CLIENT_HELLO, hello.encode(), FrameType.ENROLL_SERVER_HELLO);
    serverHello = ServerHello.decode(reply);
  }

  /** Messages 3 out, 4 in: authenticates the KDC, proves the code, returns p2..p5. */
  List<FieldPoint> points(EnrollmentClient client, EnrollmentCode code, FieldPoint p1)
      throws IOException, EnrollmentException, EnrollmentFailedException {
    byte[] request = client.onServerHello(serverHello, code, p1).encode();
    byte[] reply =
        exchange(FrameType.ENROLL_CLIENT_POINTS, request, FrameType.ENROLL_SERVER_POINTS);
    return client.onServerPoints(ServerPointsMessage.decode(reply));
  }

  /** Messages 5 out, 6 in: both sides prove they derived the same master key. */
  void confirm(EnrollmentClient client, MasterKey masterKey)
      throws IOException, EnrollmentException, EnrollmentFailedException {
    byte[] request = client.confirm(masterKey).encode();
    byte[] reply =
        exchange(FrameType.ENROLL_CLIENT_CONFIRM, request, FrameType.ENROLL_SERVER_CONFIRM);
    client.onServerConfirmation(ServerConfirmation.decode(reply));
  }

  private byte[] exchange(FrameType requestType, byte[] payload, FrameType expected)
      throws IOException, EnrollmentException, EnrollmentFailedException {
    Frame reply = connection.exchange(new Frame(requestType, payload));
    byte[] body = reply.payload();
    if (body.length >= 2 && MessageType.of(body) == MessageType.ERROR) {
      EnrollmentError error = EnrollmentError.decode(body);
      throw new EnrollmentFailedException(EnrollmentRefusals.message(error.reason(), username));
    }
    if (reply.type() != expected) {
      throw new IOException(
          "the KDC at "
              + connection.endpoint()
              + " answered "
              + reply.type()
              + " where "
              + expected
              + " was due; is this a kdcmail KDC of the same version?");
    }
    return body;
  }
}
