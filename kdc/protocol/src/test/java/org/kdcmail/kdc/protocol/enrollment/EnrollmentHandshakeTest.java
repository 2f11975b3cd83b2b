package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;

class EnrollmentHandshakeTest {

  @Test
  void handshake_honestParties_deriveEqualKeysAndComplete() throws Exception {
    Handshake h = new Handshake().run(Handshake.NONE);

    assertThat(h.clientK1).isEqualTo(h.responderK1);
    assertThat(h.responder.transcriptHashForTest()).isEqualTo(h.transcriptHash);
    assertThat(h.clientMasterKey).isEqualTo(h.responderMasterKey);
    assertThat(h.responder.points()).hasSize(5).startsWith(h.p1);
    assertThat(h.responder.points().subList(1, 5)).isEqualTo(h.clientServerPoints);
    assertThat(h.client.state()).isEqualTo(EnrollmentClient.State.COMPLETE);
    assertThat(h.responder.state()).isEqualTo(EnrollmentResponder.State.COMPLETE);
    assertThat(h.client.isDestroyed()).isTrue();
    assertThat(h.responder.isDestroyed()).isTrue();
  }

  @Test
  void handshake_messageLengths_matchDocumentedLayout() throws Exception {
    Handshake h = new Handshake().run(Handshake.NONE);
    int n = Handshake.USERNAME.length();
    assertThat(h.messages.stream().map(m -> m.length))
        .containsExactly(2 + 1 + n + 16 + 32 + 1184, 1218, 114, 274, 34, 34);
  }

  @Test
  void onClientPoints_wrongCode_throwsMismatchAndProducesNoPoints() throws Exception {
    Handshake h = new Handshake();
    EnrollmentCode wrong = EnrollmentCode.generate(new TestRandom("other code"));

    assertThatThrownBy(() -> h.run(Handshake.NONE, wrong))
        .isInstanceOf(EnrollmentCodeMismatchException.class);
    assertThat(h.responder.state()).isEqualTo(EnrollmentResponder.State.FAILED);
    assertThat(h.messages).hasSize(3);
    assertThatThrownBy(h.responder::points).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onClientPoints_wrongCode_neverCallsPointSource() throws Exception {
    Handshake h = new Handshake();
    ClientHello m1 =
        h.client.start(
            Handshake.USERNAME,
            h.invitationId,
            Handshake.IDENTITY.fingerprint(),
            new TestRandom("c"));
    ServerHello m2 = h.responder.onClientHello(m1, Handshake.IDENTITY, new TestRandom("k"));
    ClientPointsMessage m3 = h.client.onServerHello(m2, h.code, h.p1);
    EnrollmentCode wrong = EnrollmentCode.generate(new TestRandom("other code"));

    assertThatThrownBy(
            () ->
                h.responder.onClientPoints(
                    m3,
                    wrong,
                    () -> {
                      throw new AssertionError("point drawn before the code was checked");
                    }))
        .isInstanceOf(EnrollmentCodeMismatchException.class);
  }

  @Test
  void handshake_everyBitFlipInEveryMessage_aborts() throws Exception {
    List<byte[]> honest = new Handshake().run(Handshake.NONE).messages;
    int runs = 0;
    for (int msg = 1; msg <= 6; msg++) {
      for (int i = 0; i < honest.get(msg - 1).length; i++) {
        int target = msg;
        int index = i;
        Handshake.Tamper flip =
            (n, m) -> {
              if (n == target) {
                m[index] ^= (byte) (1 << (index % 8));
              }
              return m;
            };
        Handshake h = new Handshake();
        assertThatThrownBy(() -> h.run(flip))
            .as("message %d byte %d", msg, i)
            .isInstanceOf(GeneralSecurityException.class);
        runs++;
      }
    }
    assertThat(runs).isGreaterThan(2900);
  }

  @Test
  void handshake_truncatedOrExtendedMessage_aborts() throws Exception {
    for (int msg = 1; msg <= 6; msg++) {
      int target = msg;
      Handshake.Tamper cut = (n, m) -> n == target ? java.util.Arrays.copyOf(m, m.length - 1) : m;
      Handshake.Tamper grow = (n, m) -> n == target ? java.util.Arrays.copyOf(m, m.length + 1) : m;
      assertThatThrownBy(() -> new Handshake().run(cut))
          .isInstanceOf(GeneralSecurityException.class);
      assertThatThrownBy(() -> new Handshake().run(grow))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void onClientPoints_pointSourceGivesZeroDuplicateAndX1_redraws() throws Exception {
    Handshake h = new Handshake();
    ClientHello m1 =
        h.client.start(
            Handshake.USERNAME,
            h.invitationId,
            Handshake.IDENTITY.fingerprint(),
            new TestRandom("c"));
    ServerHello m2 = h.responder.onClientHello(m1, Handshake.IDENTITY, new TestRandom("k"));
    ClientPointsMessage m3 = h.client.onServerHello(m2, h.code, h.p1);
    FieldElement a = FieldElement.reduce(new TestRandom("a").next(32));
    FieldElement b = FieldElement.reduce(new TestRandom("b").next(32));
    FieldElement c = FieldElement.reduce(new TestRandom("c2").next(32));
    FieldElement d = FieldElement.reduce(new TestRandom("d").next(32));
    Iterator<FieldElement> it =
        List.of(
                FieldElement.ZERO,
                a,
                FieldElement.ONE,
                a,
                h.p1.x(),
                b,
                FieldElement.ONE,
                c,
                FieldElement.ONE,
                d,
                FieldElement.ONE)
            .iterator();

    ServerPointsMessage m4 = h.responder.onClientPoints(m3, h.code, it::next);
    List<FieldPoint> points = h.client.onServerPoints(m4);

    assertThat(points.stream().map(FieldPoint::x)).containsExactly(a, b, c, d);
  }

  @Test
  void onClientPoints_pointSourceStuck_fails() throws Exception {
    Handshake h = new Handshake();
    ClientHello m1 =
        h.client.start(
            Handshake.USERNAME,
            h.invitationId,
            Handshake.IDENTITY.fingerprint(),
            new TestRandom("c"));
    ServerHello m2 = h.responder.onClientHello(m1, Handshake.IDENTITY, new TestRandom("k"));
    ClientPointsMessage m3 = h.client.onServerHello(m2, h.code, h.p1);

    assertThatThrownBy(() -> h.responder.onClientPoints(m3, h.code, () -> FieldElement.ZERO))
        .isInstanceOf(EnrollmentException.class);
  }

  @Test
  void pointRules_rejectZeroX1AndDuplicates() {
    FieldElement x1 = FieldElement.ONE;
    FieldElement two = FieldElement.reduce(java.math.BigInteger.TWO);
    FieldElement three = two.add(FieldElement.ONE);
    FieldElement four = two.add(two);
    FieldElement five = four.add(FieldElement.ONE);
    assertThat(PointRules.acceptable(x1, pts(two, three, four, five))).isTrue();
    assertThat(PointRules.acceptable(x1, pts(FieldElement.ZERO, three, four, five))).isFalse();
    assertThat(PointRules.acceptable(x1, pts(two, x1, four, five))).isFalse();
    assertThat(PointRules.acceptable(x1, pts(two, three, three, five))).isFalse();
  }

  @Test
  void client_callsOutOfOrder_throwIllegalState() {
    EnrollmentClient client = new EnrollmentClient();
    assertThatThrownBy(() -> client.onServerPoints(new ServerPointsMessage(new byte[272])))
        .isInstanceOf(IllegalStateException.class);
    EnrollmentResponder responder = new EnrollmentResponder();
    assertThatThrownBy(responder::points).isInstanceOf(IllegalStateException.class);
  }

  private static List<FieldPoint> pts(FieldElement... xs) {
    List<FieldPoint> out = new ArrayList<>();
    for (FieldElement x : xs) {
      out.add(new FieldPoint(x, FieldElement.ONE));
    }
    return out;
  }
}
