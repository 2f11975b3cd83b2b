package org.kdcmail.kdc.protocol.masterkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.field.LagrangeInterpolation;
import org.kdcmail.kdc.protocol.field.VectorFile;

class MasterKeyDerivationTest {

  private final MasterKeyDerivation derivation = new MasterKeyDerivation();
  private final Random random = new Random(7);

  private FieldElement randomElement() {
    return FieldElement.reduce(new BigInteger(256, random));
  }

  private List<FieldPoint> randomPoints() {
    List<FieldPoint> points = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      points.add(new FieldPoint(randomElement(), randomElement()));
    }
    return points;
  }

  @Test
  void deriveMasterKey_sameInputs_sameKey() {
    List<FieldPoint> points = randomPoints();
    assertThat(derivation.deriveMasterKey("alice", points))
        .isEqualTo(derivation.deriveMasterKey("alice", List.copyOf(points)));
  }

  @Test
  void deriveMasterKey_anyCoordinateChanged_differentKey() {
    List<FieldPoint> points = randomPoints();
    MasterKey base = derivation.deriveMasterKey("alice", points);
    for (int i = 0; i < 5; i++) {
      FieldPoint p = points.get(i);
      List<FieldPoint> changedY = new ArrayList<>(points);
      changedY.set(i, new FieldPoint(p.x(), p.y().add(FieldElement.ONE)));
      assertThat(derivation.deriveMasterKey("alice", changedY)).isNotEqualTo(base);
      List<FieldPoint> changedX = new ArrayList<>(points);
      changedX.set(i, new FieldPoint(p.x().add(FieldElement.ONE), p.y()));
      assertThat(derivation.deriveMasterKey("alice", changedX)).isNotEqualTo(base);
    }
    assertThat(derivation.deriveMasterKey("alicf", points)).isNotEqualTo(base);
  }

  @Test
  void deriveMasterKey_invalidPoints_reject() {
    List<FieldPoint> points = randomPoints();
    points.set(2, new FieldPoint(points.get(0).x(), randomElement()));
    assertThatThrownBy(() -> derivation.deriveMasterKey("alice", points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate x-coordinate in enrollment points");
    assertThatThrownBy(() -> derivation.deriveMasterKey("alice", points.subList(0, 4)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_matchingVerifier_accepts() {
    MasterKey key = derivation.deriveMasterKey("alice", randomPoints());
    byte[] verifier = derivation.verifierOf(key);
    assertThat(verifier).hasSize(32);
    assertThatCode(() -> derivation.verify(key, verifier)).doesNotThrowAnyException();
  }

  @Test
  void verify_everyFlippedBitOrWrongKeyOrLength_rejects() {
    MasterKey key = derivation.deriveMasterKey("alice", randomPoints());
    byte[] verifier = derivation.verifierOf(key);
    for (int bit = 0; bit < verifier.length * 8; bit++) {
      byte[] tampered = verifier.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> derivation.verify(key, tampered))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage("master key verification failed");
    }
    MasterKey other = derivation.deriveMasterKey("alice", randomPoints());
    assertThatThrownBy(() -> derivation.verify(other, verifier))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> derivation.verify(key, java.util.Arrays.copyOf(verifier, 31)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void verifier_differsFromKey() {
    MasterKey key = derivation.deriveMasterKey("alice", randomPoints());
    assertThat(derivation.verifierOf(key)).isNotEqualTo(key.copyBytes());
  }

  @Test
  void pythonVectors_masterKeyAndVerifier_match() {
    var cases = VectorFile.load().ofKind("masterkey");
    assertThat(cases).hasSize(4);
    for (VectorFile.Record vector : cases) {
      String username = vector.text("username");
      List<FieldPoint> points = vector.points();
      assertThat(LagrangeInterpolation.ENROLLMENT.interceptOf(points))
          .isEqualTo(vector.element("f0"));
      MasterKey key = derivation.deriveMasterKey(username, points);
      assertThat(key.copyBytes()).as(username).isEqualTo(vector.bytes("mk"));
      assertThat(derivation.verifierOf(key)).isEqualTo(vector.bytes("verifier"));
    }
  }

  @Test
  void unlock_userPointPlusServerPoints_reproducesKeyOnlyWithRightPassword() {
    UserPointDerivation userPoints = new UserPointDerivation(UserPointDerivationTest.SMALL);
    List<FieldPoint> server = randomPoints().subList(0, 4);
    List<FieldPoint> enrolled = new ArrayList<>(server);
    enrolled.add(0, userPoints.derive("carol", "mk".toCharArray(), "Summer2024!".toCharArray()));
    MasterKey key = derivation.deriveMasterKey("carol", enrolled);
    byte[] verifier = derivation.verifierOf(key);

    List<FieldPoint> wrong = new ArrayList<>(server);
    wrong.add(0, userPoints.derive("carol", "mk".toCharArray(), "Summer2025!".toCharArray()));
    MasterKey guess = derivation.deriveMasterKey("carol", wrong);
    assertThatThrownBy(() -> derivation.verify(guess, verifier))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatCode(() -> derivation.verify(key, verifier)).doesNotThrowAnyException();
  }
}
