package org.kdcmail.kdc.protocol.masterkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.field.VectorFile;

class UserPointDerivationTest {

  static final Argon2Parameters SMALL = new Argon2Parameters(64, 1, 2);
  private final UserPointDerivation derivation = new UserPointDerivation(SMALL);

  private FieldPoint derive(String user, String mkId, String password) {
    return derivation.derive(user, mkId.toCharArray(), password.toCharArray());
  }

  @Test
  void derive_sameInputs_samePoint() {
    assertThat(derive("carol", "carol-mk", "Summer2024!"))
        .isEqualTo(derive("carol", "carol-mk", "Summer2024!"));
  }

  @Test
  void derive_anyInputChanged_changesY() {
    FieldPoint base = derive("carol", "carol-mk", "Summer2024!");
    assertThat(derive("carol2", "carol-mk", "Summer2024!").y()).isNotEqualTo(base.y());
    assertThat(derive("carol", "carol-mk2", "Summer2024!").y()).isNotEqualTo(base.y());
    assertThat(derive("carol", "carol-mk", "Summer2024?").y()).isNotEqualTo(base.y());
    assertThat(
            new UserPointDerivation(new Argon2Parameters(64, 2, 2))
                .derive("carol", "carol-mk".toCharArray(), "Summer2024!".toCharArray())
                .y())
        .isNotEqualTo(base.y());
  }

  @Test
  void derive_xIsSha256OfMkIdModP_independentOfUserAndPassword() throws Exception {
    FieldPoint point = derive("carol", "carol-mk", "Summer2024!");
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest("carol-mk".getBytes(StandardCharsets.UTF_8));
    assertThat(point.x()).isEqualTo(FieldElement.reduce(digest));
    assertThat(derive("dave", "carol-mk", "other").x()).isEqualTo(point.x());
  }

  @Test
  void derive_lengthPrefixes_separateUserFromMkId() {
    assertThat(derive("ab", "c", "pw").y()).isNotEqualTo(derive("a", "bc", "pw").y());
  }

  @Test
  void derive_callerArrays_untouched() {
    char[] id = "carol-mk".toCharArray();
    char[] password = "Summer2024!".toCharArray();
    derivation.derive("carol", id, password);
    assertThat(new String(id)).isEqualTo("carol-mk");
    assertThat(new String(password)).isEqualTo("Summer2024!");
  }

  @Test
  void derive_badInputs_reject() {
    assertThatThrownBy(() -> derive("", "id", "pw")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> derive("u", "", "pw")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> derive("u", "id", "\ud800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MK password is not valid UTF-16 text");
    assertThatThrownBy(() -> derive("u", "x".repeat(1025), "pw"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void derive_emptyPassword_allowed() {
    assertThat(derive("u", "id", "")).isNotNull();
  }

  @Test
  void pythonVectors_saltXAndReduction_match() {
    var cases = VectorFile.load().ofKind("userpoint");
    assertThat(cases).hasSize(4);
    for (VectorFile.Record vector : cases) {
      byte[] user = UserPointDerivation.usernameBytes(vector.text("username"));
      byte[] id = UserPointDerivation.utf8(vector.text("mkid").toCharArray(), "MK-ID");
      assertThat(id).isEqualTo(vector.bytes("mkid"));
      assertThat(UserPointDerivation.saltOf(user, id)).isEqualTo(vector.bytes("salt"));
      assertThat(UserPointDerivation.xOf(id)).isEqualTo(vector.element("x1"));
      assertThat(FieldElement.reduce(vector.bytes("argon2"))).isEqualTo(vector.element("y1"));
    }
  }
}
