package org.kdcmail.kdc.protocol.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * Runs a whole deterministic enrollment in memory, every message through encode/decode, with an
 * optional tamper hook per message number (1..6).
 */
final class Handshake {

  static final String USERNAME = "alice@example.test";
  static final KdcIdentity IDENTITY =
      KdcIdentity.fromSeed(new TestRandom("kdcmail-test identity").next(32));

  /** Changes the encoding of message {@code number} in flight. */
  interface Tamper {
    byte[] apply(int number, byte[] message);
  }

  static final Tamper NONE = (n, m) -> m;

  final InvitationId invitationId =
      InvitationId.generate(new TestRandom("kdcmail-test invitation"));
  final EnrollmentCode code = EnrollmentCode.generate(new TestRandom("kdcmail-test code"));
  final FieldPoint p1 = p1();
  final EnrollmentClient client = new EnrollmentClient();
  final EnrollmentResponder responder = new EnrollmentResponder();
  final List<byte[]> messages = new ArrayList<>();
  byte[] transcriptHash;
  byte[] clientK1;
  byte[] responderK1;
  MasterKey clientMasterKey;
  MasterKey responderMasterKey;
  List<FieldPoint> clientServerPoints;

  /** Runs all six messages. */
  Handshake run(Tamper tamper) throws GeneralSecurityException {
    return run(tamper, code);
  }

  Handshake run(Tamper tamper, EnrollmentCode clientCode) throws GeneralSecurityException {
    ClientHello m1 =
        client.start(
            USERNAME, invitationId, IDENTITY.fingerprint(), new TestRandom("kdcmail-test client"));
    ClientHello r1 = ClientHello.decode(send(1, m1.encode(), tamper));
    ServerHello m2 = responder.onClientHello(r1, IDENTITY, new TestRandom("kdcmail-test kdc"));
    ServerHello r2 = ServerHello.decode(send(2, m2.encode(), tamper));
    ClientPointsMessage m3 = client.onServerHello(r2, clientCode, p1);
    transcriptHash = client.transcriptHashForTest();
    clientK1 = client.k1ForTest();
    responderK1 = responder.k1ForTest();
    ClientPointsMessage r3 = ClientPointsMessage.decode(send(3, m3.encode(), tamper));
    ServerPointsMessage m4 = responder.onClientPoints(r3, code, pointSource());
    ServerPointsMessage r4 = ServerPointsMessage.decode(send(4, m4.encode(), tamper));
    clientServerPoints = client.onServerPoints(r4);
    List<FieldPoint> clientAll = new ArrayList<>();
    clientAll.add(p1);
    clientAll.addAll(clientServerPoints);
    clientMasterKey = interpolationStandIn(clientAll);
    responderMasterKey = interpolationStandIn(responder.points());
    ClientConfirmation m5 = client.confirm(clientMasterKey);
    ClientConfirmation r5 = ClientConfirmation.decode(send(5, m5.encode(), tamper));
    ServerConfirmation m6 = responder.onClientConfirmation(r5, responderMasterKey);
    ServerConfirmation r6 = ServerConfirmation.decode(send(6, m6.encode(), tamper));
    client.onServerConfirmation(r6);
    return this;
  }

  private byte[] send(int number, byte[] message, Tamper tamper) {
    messages.add(message);
    return tamper.apply(number, message.clone());
  }

  static FieldPoint p1() {
    return new FieldPoint(
        FieldElement.reduce(KeySchedule.sha256().digest(ascii("kdcmail-test x1"))),
        FieldElement.reduce(KeySchedule.sha256().digest(ascii("kdcmail-test y1"))));
  }

  /** Deterministic KDC point source: successive 32-byte blocks reduced mod p. */
  static EnrollmentPointSource pointSource() {
    TestRandom r = new TestRandom("kdcmail-test points");
    return () -> FieldElement.reduce(r.next(32));
  }

  /**
   * TEST STAND-IN for Lagrange interpolation and master-key derivation (owned by another package):
   * HKDF-SHA256 over the five encoded points, in order. Equal point lists give equal keys.
   */
  static MasterKey interpolationStandIn(List<FieldPoint> points) {
    byte[] all = new byte[0];
    for (FieldPoint p : points) {
      byte[] e = p.encode();
      byte[] n = new byte[all.length + e.length];
      System.arraycopy(all, 0, n, 0, all.length);
      System.arraycopy(e, 0, n, all.length, e.length);
      all = n;
    }
    return MasterKey.copyOf(
        KeySchedule.hkdf(all, new byte[0], ascii("kdcmail-test interpolation stand-in")));
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
