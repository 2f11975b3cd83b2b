package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * The user's side of enrollment, as a pure state machine: the caller moves the returned messages
 * over the wire. Order: {@link #start} → {@link #onServerHello} → {@link #onServerPoints} → (caller
 * interpolates p1..p5 and derives the master key) → {@link #confirm} → {@link
 * #onServerConfirmation}. Only after the last call returns is enrollment complete and may the
 * caller store p2..p5. Any failure moves to {@link State#FAILED} and zeroizes the keys; a call out
 * of order throws {@link IllegalStateException}. Not thread-safe.
 */
public final class EnrollmentClient implements Destroyable {

  /** The client's states. */
  public enum State {
    NEW,
    AWAITING_SERVER_HELLO,
    AWAITING_SERVER_POINTS,
    AWAITING_MASTER_KEY,
    AWAITING_SERVER_CONFIRMATION,
    COMPLETE,
    FAILED
  }

  private State state = State.NEW;
  private ClientHello hello;
  private IdentityFingerprint pinned;
  private X25519PrivateKeyParameters x25519;
  private MLKEMPrivateKeyParameters mlkem;
  private byte[] transcriptHash;
  private byte[] k1;
  private byte[] keyToKdc;
  private byte[] keyFromKdc;
  private FieldPoint p1;
  private byte[] expectedServerConfirmation;
  private boolean destroyed;

  /** The current state. */
  public State state() {
    return state;
  }

  /**
   * Creates the ephemeral keys and message 1.
   *
   * @param pinnedFingerprint the KDC fingerprint from the invitation, checked in {@link
   *     #onServerHello}
   */
  public ClientHello start(
      String username,
      InvitationId invitationId,
      IdentityFingerprint pinnedFingerprint,
      EnrollmentRandom random) {
    Objects.requireNonNull(invitationId, "invitationId");
    Objects.requireNonNull(random, "random");
    this.pinned = Objects.requireNonNull(pinnedFingerprint, "pinnedFingerprint");
    Wire.usernameBytes(username);
    require(State.NEW);
    x25519 = Primitives.x25519PrivateKey(random);
    mlkem = Primitives.mlkemKeyPair(random);
    hello =
        new ClientHello(
            username, invitationId, x25519.generatePublicKey().getEncoded(), mlkem.getPublicKey());
    state = State.AWAITING_SERVER_HELLO;
    return hello;
  }

  /**
   * Authenticates the KDC, derives k1 and answers with the code proof and {@code Enc(p1)}.
   *
   * @param p1 the user's own point (from MK-ID and MK-password); x must not be zero
   * @throws EnrollmentException with {@link EnrollmentException#IDENTITY_MISMATCH} when the
   *     identity key does not match the pinned fingerprint, {@link
   *     EnrollmentException#SIGNATURE_INVALID} when the signature fails, a generic message for a
   *     refused X25519 share or ML-KEM ciphertext
   */
  public ClientPointsMessage onServerHello(ServerHello m, EnrollmentCode code, FieldPoint p1)
      throws EnrollmentException {
    Objects.requireNonNull(m, "serverHello");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(p1, "p1");
    if (p1.x().isZero()) {
      throw new IllegalArgumentException("p1 must not have x = 0");
    }
    require(State.AWAITING_SERVER_HELLO);
    try {
      if (!pinned.matches(m.identityKeyRaw())) {
        throw new EnrollmentException(EnrollmentException.IDENTITY_MISMATCH);
      }
      transcriptHash =
          KeySchedule.transcriptHash(
              hello.usernameBytes(),
              hello.invitationId().raw(),
              hello.x25519Share(),
              m.x25519Share(),
              hello.mlkemPublicKey(),
              m.mlkemCiphertext(),
              m.identityKeyRaw());
      if (!Primitives.ed25519Verify(
          m.identityKeyRaw(), KeySchedule.signedMessage(transcriptHash), m.signature())) {
        throw new EnrollmentException(EnrollmentException.SIGNATURE_INVALID);
      }
      byte[] ssX = Primitives.x25519(x25519, m.x25519Share());
      byte[] ssK = Primitives.mlkemDecapsulate(mlkem, m.mlkemCiphertext());
      k1 = KeySchedule.deriveK1(ssX, ssK, transcriptHash);
      Arrays.fill(ssX, (byte) 0);
      Arrays.fill(ssK, (byte) 0);
      keyToKdc = KeySchedule.expand(k1, INFO_AEAD_C2S);
      keyFromKdc = KeySchedule.expand(k1, INFO_AEAD_S2C);
      this.p1 = p1;
      byte[] plain = p1.encode();
      byte[] sealed = KeySchedule.seal(keyToKdc, 0, plain, aad(MessageType.CLIENT_POINTS));
      Arrays.fill(plain, (byte) 0);
      ClientPointsMessage out =
          new ClientPointsMessage(KeySchedule.codeProof(code, k1, transcriptHash), sealed);
      state = State.AWAITING_SERVER_POINTS;
      return out;
    } catch (EnrollmentException e) {
      fail();
      throw e;
    }
  }

  /**
   * Opens message 4 and checks the KDC's points: every x non-zero, distinct from x1 and from each
   * other. Returns p2..p5; the caller interpolates with p1 and then calls {@link #confirm}. The
   * caller must not store them before {@link #onServerConfirmation} returns.
   */
  public List<FieldPoint> onServerPoints(ServerPointsMessage m) throws EnrollmentException {
    Objects.requireNonNull(m, "serverPoints");
    require(State.AWAITING_SERVER_POINTS);
    try {
      byte[] plain =
          KeySchedule.open(keyFromKdc, 0, m.sealedPoints(), aad(MessageType.SERVER_POINTS));
      List<FieldPoint> points = new ArrayList<>(SERVER_POINTS);
      for (int i = 0; i < SERVER_POINTS; i++) {
        points.add(decodePoint(plain, i));
      }
      Arrays.fill(plain, (byte) 0);
      if (!PointRules.acceptable(p1.x(), points)) {
        throw EnrollmentException.generic();
      }
      state = State.AWAITING_MASTER_KEY;
      return List.copyOf(points);
    } catch (EnrollmentException e) {
      fail();
      throw e;
    }
  }

  /** Message 5: the client's key confirmation under the master key derived from p1..p5. */
  public ClientConfirmation confirm(MasterKey masterKey) {
    Objects.requireNonNull(masterKey, "masterKey");
    require(State.AWAITING_MASTER_KEY);
    byte[] mk = masterKey.copyBytes();
    try {
      expectedServerConfirmation = KeySchedule.confirmation(mk, transcriptHash, INFO_CONFIRM_S2C);
      state = State.AWAITING_SERVER_CONFIRMATION;
      return new ClientConfirmation(KeySchedule.confirmation(mk, transcriptHash, INFO_CONFIRM_C2S));
    } finally {
      Arrays.fill(mk, (byte) 0);
    }
  }

  /**
   * Verifies message 6; on return enrollment is complete and the keys are zeroized.
   *
   * @throws EnrollmentException when the KDC derived a different master key or the tag was altered
   */
  public void onServerConfirmation(ServerConfirmation m) throws EnrollmentException {
    Objects.requireNonNull(m, "serverConfirmation");
    require(State.AWAITING_SERVER_CONFIRMATION);
    if (!MessageDigest.isEqual(expectedServerConfirmation, m.tag())) {
      fail();
      throw EnrollmentException.generic();
    }
    destroy();
    state = State.COMPLETE;
  }

  byte[] transcriptHashForTest() {
    return transcriptHash.clone();
  }

  byte[] k1ForTest() {
    return k1.clone();
  }

  private static FieldPoint decodePoint(byte[] plain, int i) throws EnrollmentException {
    try {
      return FieldPoint.decode(
          Arrays.copyOfRange(
              plain, i * FieldPoint.ENCODED_BYTES, (i + 1) * FieldPoint.ENCODED_BYTES));
    } catch (IllegalArgumentException e) {
      throw EnrollmentException.generic();
    }
  }

  private byte[] aad(MessageType type) {
    return KeySchedule.aad(type, hello.usernameBytes(), hello.invitationId().raw(), transcriptHash);
  }

  private void require(State expected) {
    if (state != expected) {
      throw new IllegalStateException("enrollment client is " + state + ", not " + expected);
    }
  }

  private void fail() {
    destroy();
    state = State.FAILED;
  }

  /** Zeroizes k1, the derived keys and the ephemeral ML-KEM key. */
  @Override
  public void destroy() {
    for (byte[] b : new byte[][] {k1, keyToKdc, keyFromKdc, expectedServerConfirmation}) {
      if (b != null) {
        Arrays.fill(b, (byte) 0);
      }
    }
    if (mlkem != null) {
      mlkem.destroy();
    }
    x25519 = null;
    p1 = null;
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }
}
