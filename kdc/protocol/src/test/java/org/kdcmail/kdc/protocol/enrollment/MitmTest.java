package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** A relay between client and KDC that runs its own key exchange with each side (attack B1). */
class MitmTest {

  private final Handshake h = new Handshake();
  private final TestRandom mitmRandom = new TestRandom("mitm");

  private ClientHello clientHello() {
    return h.client.start(
        Handshake.USERNAME, h.invitationId, Handshake.IDENTITY.fingerprint(), new TestRandom("c"));
  }

  /** The MITM's own ClientHello to the real KDC, same username and invitation, own keys. */
  private ClientHello mitmHelloToKdc(ClientHello fromClient) {
    X25519PrivateKeyParameters x = Primitives.x25519PrivateKey(mitmRandom);
    MLKEMPrivateKeyParameters k = Primitives.mlkemKeyPair(mitmRandom);
    return new ClientHello(
        fromClient.username(),
        fromClient.invitationId(),
        x.generatePublicKey().getEncoded(),
        k.getPublicKey());
  }

  @Test
  void mitm_withOwnIdentityKey_clientAbortsOnPinnedFingerprint() throws Exception {
    ClientHello m1 = clientHello();
    KdcIdentity fake = KdcIdentity.generate(mitmRandom);
    ServerHello forged = new EnrollmentResponder().onClientHello(m1, fake, mitmRandom);

    assertThatThrownBy(() -> h.client.onServerHello(forged, h.code, h.p1))
        .isInstanceOf(EnrollmentException.class)
        .hasMessage("KDC identity does not match the pinned fingerprint");
    assertThat(h.client.state()).isEqualTo(EnrollmentClient.State.FAILED);
  }

  @Test
  void mitm_keepsRealIdentityButSubstitutesEphemerals_clientAbortsOnSignature() throws Exception {
    ClientHello m1 = clientHello();
    ServerHello real =
        h.responder.onClientHello(mitmHelloToKdc(m1), Handshake.IDENTITY, new TestRandom("k"));
    // The MITM answers the client with its own X25519 share and an ML-KEM ciphertext to the
    // client's key, relaying the real identity key and the real signature.
    X25519PrivateKeyParameters x = Primitives.x25519PrivateKey(mitmRandom);
    byte[][] kem = Primitives.mlkemEncapsulate(m1.mlkemPublicKey(), mitmRandom);
    ServerHello relayed =
        new ServerHello(
            x.generatePublicKey().getEncoded(), kem[1], real.identityPublicKey(), real.signature());

    assertThatThrownBy(() -> h.client.onServerHello(relayed, h.code, h.p1))
        .isInstanceOf(EnrollmentException.class)
        .hasMessage("transcript signature invalid");
  }

  @Test
  void substitutedMlkemCiphertext_withoutResigning_failsSignature() throws Exception {
    ClientHello m1 = clientHello();
    ServerHello real = h.responder.onClientHello(m1, Handshake.IDENTITY, new TestRandom("k"));
    byte[][] kem = Primitives.mlkemEncapsulate(m1.mlkemPublicKey(), mitmRandom);
    ServerHello swapped =
        new ServerHello(real.x25519Share(), kem[1], real.identityPublicKey(), real.signature());

    assertThatThrownBy(() -> h.client.onServerHello(swapped, h.code, h.p1))
        .hasMessage("transcript signature invalid");
  }

  @Test
  void malformedMlkemCiphertext_evenIfSigned_givesDifferentK1AndEnrollmentFails() throws Exception {
    ClientHello m1 = clientHello();
    ServerHello real = h.responder.onClientHello(m1, Handshake.IDENTITY, new TestRandom("k"));
    byte[] garbage = mitmRandom.next(EnrollmentProtocol.MLKEM_CIPHERTEXT_BYTES);
    // Worst case: the signature covers the garbage ciphertext (as if the KDC itself were buggy).
    byte[] th =
        KeySchedule.transcriptHash(
            m1.usernameBytes(),
            m1.invitationId().raw(),
            m1.x25519Share(),
            real.x25519Share(),
            m1.mlkemPublicKey(),
            garbage,
            real.identityPublicKey());
    ServerHello resigned =
        new ServerHello(
            real.x25519Share(),
            garbage,
            real.identityPublicKey(),
            Handshake.IDENTITY.sign(KeySchedule.signedMessage(th)));

    ClientPointsMessage m3 = h.client.onServerHello(resigned, h.code, h.p1);

    assertThat(h.client.k1ForTest()).isNotEqualTo(h.responder.k1ForTest());
    assertThatThrownBy(() -> h.responder.onClientPoints(m3, h.code, Handshake.pointSource()))
        .isInstanceOf(EnrollmentException.class);
  }

  @Test
  void truncatedMlkemCiphertext_isRejectedByDecoder() throws Exception {
    ClientHello m1 = clientHello();
    byte[] m2 = h.responder.onClientHello(m1, Handshake.IDENTITY, new TestRandom("k")).encode();
    byte[] cut = new byte[m2.length - 1];
    System.arraycopy(m2, 0, cut, 0, 34);
    System.arraycopy(m2, 35, cut, 34, m2.length - 35);

    assertThatThrownBy(() -> ServerHello.decode(cut)).isInstanceOf(EnrollmentException.class);
  }
}
