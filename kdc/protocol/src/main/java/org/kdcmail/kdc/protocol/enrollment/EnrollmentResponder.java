package org.kdcmail.kdc.protocol.enrollment;

import static org.kdcmail.kdc.protocol.enrollment.EnrollmentProtocol.*;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * The KDC's side of enrollment, as a pure state machine. Order: {@link #onClientHello} (the caller
 * looks up the invitation by {@link ClientHello#invitationId()} first) → {@link #onClientPoints}
 * (checks the code proof before drawing any point) → (caller interpolates {@link #points()}) →
 * {@link #onClientConfirmation}; the caller stores the master key only after that returns. Any
 * failure moves to {@link State#FAILED} and zeroizes keys; a call out of order throws {@link
 * IllegalStateException}. Not thread-safe: one instance per connection.
 */
public final class EnrollmentResponder implements Destroyable {

  /** Redraws of an invalid x allowed before the point source is declared broken. */
  static final int MAX_REDRAWS = 16;

  /** The responder's states. */
  public enum State {
    NEW,
    AWAITING_CLIENT_POINTS,
    AWAITING_CLIENT_CONFIRMATION,
    COMPLETE,
    FAILED
  }

  private State state = State.NEW;
  private ClientHello hello;
  private byte[] transcriptHash;
  private byte[] k1;
  private byte[] keyFromClient;
  private byte[] keyToClient;
  private List<FieldPoint> points;
  private boolean destroyed;

  /** The current state. */
  public State state() {
    return state;
  }

  /**
   * Runs the KDC half of the hybrid exchange and signs the transcript.
   *
   * @throws EnrollmentException for a refused X25519 share (zero result, small order) or an invalid
   *     ML-KEM encapsulation key
   */
  public ServerHello onClientHello(ClientHello m, KdcIdentity identity, EnrollmentRandom random)
      throws EnrollmentException {
    Objects.requireNonNull(m, "clientHello");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(random, "random");
    require(State.NEW);
    hello = m;
    try {
      X25519PrivateKeyParameters eph = Primitives.x25519PrivateKey(random);
      byte[] ssX = Primitives.x25519(eph, m.x25519Share());
      byte[][] kem = Primitives.mlkemEncapsulate(m.mlkemPublicKey(), random);
      byte[] share = eph.generatePublicKey().getEncoded();
      byte[] idKey = identity.publicKey();
      transcriptHash =
          KeySchedule.transcriptHash(
              m.usernameBytes(),
              m.invitationId().raw(),
              m.x25519Share(),
              share,
              m.mlkemPublicKey(),
              kem[1],
              idKey);
      k1 = KeySchedule.deriveK1(ssX, kem[0], transcriptHash);
      Arrays.fill(ssX, (byte) 0);
      Arrays.fill(kem[0], (byte) 0);
      keyFromClient = KeySchedule.expand(k1, INFO_AEAD_C2S);
      keyToClient = KeySchedule.expand(k1, INFO_AEAD_S2C);
      byte[] sig = identity.sign(KeySchedule.signedMessage(transcriptHash));
      state = State.AWAITING_CLIENT_POINTS;
      return new ServerHello(share, kem[1], idKey, sig);
    } catch (EnrollmentException e) {
      fail();
      throw e;
    }
  }

  /**
   * Checks the code proof (constant time), opens p1, draws p2..p5 and seals them.
   *
   * @throws EnrollmentCodeMismatchException when the proof does not verify; no point was drawn
   * @throws GeneralSecurityException for a tampered message, x1 = 0, or a failing point source
   */
  public ServerPointsMessage onClientPoints(
      ClientPointsMessage m, EnrollmentCode expectedCode, EnrollmentPointSource source)
      throws GeneralSecurityException {
    Objects.requireNonNull(m, "clientPoints");
    Objects.requireNonNull(expectedCode, "expectedCode");
    Objects.requireNonNull(source, "source");
    require(State.AWAITING_CLIENT_POINTS);
    try {
      byte[] proof = KeySchedule.codeProof(expectedCode, k1, transcriptHash);
      if (!MessageDigest.isEqual(proof, m.codeProof())) {
        throw new EnrollmentCodeMismatchException();
      }
      byte[] plain =
          KeySchedule.open(keyFromClient, 0, m.sealedPoint(), aad(MessageType.CLIENT_POINTS));
      FieldPoint p1 = decodeP1(plain);
      Arrays.fill(plain, (byte) 0);
      List<FieldPoint> drawn = draw(p1.x(), source);
      byte[] out = new byte[SERVER_POINTS * FieldPoint.ENCODED_BYTES];
      for (int i = 0; i < SERVER_POINTS; i++) {
        byte[] enc = drawn.get(i).encode();
        System.arraycopy(enc, 0, out, i * FieldPoint.ENCODED_BYTES, enc.length);
        Arrays.fill(enc, (byte) 0);
      }
      byte[] sealed = KeySchedule.seal(keyToClient, 0, out, aad(MessageType.SERVER_POINTS));
      Arrays.fill(out, (byte) 0);
      List<FieldPoint> all = new ArrayList<>();
      all.add(p1);
      all.addAll(drawn);
      points = List.copyOf(all);
      state = State.AWAITING_CLIENT_CONFIRMATION;
      return new ServerPointsMessage(sealed);
    } catch (GeneralSecurityException e) {
      fail();
      throw e;
    }
  }

  /** The five points p1..p5 (p1 first), for the caller to interpolate. */
  public List<FieldPoint> points() {
    if (points == null || state == State.FAILED) {
      throw new IllegalStateException("no points: enrollment responder is " + state);
    }
    return points;
  }

  /**
   * Verifies message 5 under the master key derived from {@link #points()} and answers message 6.
   * On return the caller may store the master key.
   *
   * @throws EnrollmentException when the client derived a different key or the tag was altered
   */
  public ServerConfirmation onClientConfirmation(ClientConfirmation m, MasterKey masterKey)
      throws EnrollmentException {
    Objects.requireNonNull(m, "clientConfirmation");
    Objects.requireNonNull(masterKey, "masterKey");
    require(State.AWAITING_CLIENT_CONFIRMATION);
    byte[] mk = masterKey.copyBytes();
    try {
      byte[] expected = KeySchedule.confirmation(mk, transcriptHash, INFO_CONFIRM_C2S);
      if (!MessageDigest.isEqual(expected, m.tag())) {
        fail();
        throw EnrollmentException.generic();
      }
      ServerConfirmation out =
          new ServerConfirmation(KeySchedule.confirmation(mk, transcriptHash, INFO_CONFIRM_S2C));
      destroy();
      state = State.COMPLETE;
      return out;
    } finally {
      Arrays.fill(mk, (byte) 0);
    }
  }

  byte[] transcriptHashForTest() {
    return transcriptHash.clone();
  }

  byte[] k1ForTest() {
    return k1.clone();
  }

  private static List<FieldPoint> draw(FieldElement x1, EnrollmentPointSource source)
      throws GeneralSecurityException {
    Set<FieldElement> used = new HashSet<>();
    used.add(x1);
    List<FieldPoint> drawn = new ArrayList<>(SERVER_POINTS);
    int redraws = 0;
    while (drawn.size() < SERVER_POINTS) {
      FieldElement x = Objects.requireNonNull(source.nextElement(), "point source returned null");
      if (x.isZero() || !used.add(x)) {
        if (++redraws > MAX_REDRAWS) {
          throw EnrollmentException.generic();
        }
        continue;
      }
      drawn.add(
          new FieldPoint(x, Objects.requireNonNull(source.nextElement(), "point source null")));
    }
    return drawn;
  }

  private static FieldPoint decodeP1(byte[] plain) throws EnrollmentException {
    FieldPoint p1;
    try {
      p1 = FieldPoint.decode(plain);
    } catch (IllegalArgumentException e) {
      throw EnrollmentException.generic();
    }
    if (p1.x().isZero()) {
      throw EnrollmentException.generic();
    }
    return p1;
  }

  private byte[] aad(MessageType type) {
    return KeySchedule.aad(type, hello.usernameBytes(), hello.invitationId().raw(), transcriptHash);
  }

  private void require(State expected) {
    if (state != expected) {
      throw new IllegalStateException("enrollment responder is " + state + ", not " + expected);
    }
  }

  private void fail() {
    destroy();
    points = null;
    state = State.FAILED;
  }

  /** Zeroizes k1 and the derived keys. */
  @Override
  public void destroy() {
    for (byte[] b : new byte[][] {k1, keyFromClient, keyToClient}) {
      if (b != null) {
        Arrays.fill(b, (byte) 0);
      }
    }
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }
}
